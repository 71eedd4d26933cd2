export { Checkbox, FormActions, RadioGroup, RequiredMark, Select, TextArea, TextInput, type Option } from './Inputs';
export { FormErrors } from './FormErrors';
