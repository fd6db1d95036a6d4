/** How monaco-yaml applies the generated schema to the policies editor (monacoSetup.ts). */
import { policiesSchema } from './policiesSchema.generated';

export const POLICIES_SCHEMA = {
  uri: 'https://playground.local/schemas/istio-security.json',
  fileMatch: ['**/policies.yaml'],
  schema: policiesSchema,
};
