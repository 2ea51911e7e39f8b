export type { IntakeConfig } from './config.js';
export { createIntakeHandler, intakeBodySchema, INTAKE_PATH, type IntakeBody, type IntakeDeps } from './handler.js';
export { signIntake, verifyIntake, SIGNATURE_HEADER, TIMESTAMP_HEADER, MAX_SKEW_SECONDS } from './signature.js';
export { intakeCustomRoute, startIntakeServer, type IntakeHandler, type IntakeRoute } from './server.js';
