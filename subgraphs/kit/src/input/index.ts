export { applyInputPolicy, TextArgs, TextInput } from './boundary';
export {
  describeViolation,
  MAX_LENGTH,
  normalizeText,
  type TextKind,
  textViolation,
  type Violation,
  violationText,
} from './policy';
