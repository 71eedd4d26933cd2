// The forms area's strings, registered when a screen of the area is first imported.
import { addArea } from '../area';
import en from '../en/forms.json';
import it from '../it/forms.json';

addArea('forms', it, en);
