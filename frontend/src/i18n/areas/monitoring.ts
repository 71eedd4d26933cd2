// The monitoring area's strings, registered when a screen of the area is first imported.
import { addArea } from '../area';
import en from '../en/monitoring.json';
import it from '../it/monitoring.json';

addArea('monitoring', it, en);
