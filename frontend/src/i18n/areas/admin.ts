// The admin area's strings, registered when a screen of the area is first imported.
import { addArea } from '../area';
import en from '../en/admin.json';
import it from '../it/admin.json';

addArea('admin', it, en);
