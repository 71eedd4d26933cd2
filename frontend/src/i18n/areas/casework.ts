// The casework area's strings, registered when a screen of the area is first imported.
import { addArea } from '../area';
import en from '../en/casework.json';
import it from '../it/casework.json';

addArea('casework', it, en);
