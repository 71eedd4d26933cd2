export { Checkbox, RequiredMark, Select, TextArea, TextInput, type Option } from './Inputs';
export { FormErrors } from './FormErrors';
