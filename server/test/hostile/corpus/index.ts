import { signInUsernames } from './accounts';
import { roleGrantInput, separationOfDuties } from './duties';
import { operatorArrays, operatorBody, operatorQuery, prototypePollution } from './injection';
import { contentTypes, deepNesting, oversize, periods, typeConfusion } from './shapes';
import { crlf, idAndPhone, unicode, xssInIdentifiers, xssInText } from './text';
import { redos, redosLong, uploads } from './uploads';
import type { HostileRequest } from './types';

export type { HostileRequest, CorpusContext, As } from './types';

export const CORPUS: HostileRequest[] = [
  ...operatorBody,
  ...operatorQuery,
  ...operatorArrays,
  ...prototypePollution,
  ...typeConfusion,
  ...oversize,
  ...deepNesting,
  ...contentTypes,
  ...unicode,
  ...crlf,
  ...idAndPhone,
  ...xssInIdentifiers,
  ...xssInText,
  ...uploads,
  ...redos,
  ...redosLong,
  ...periods,
  ...signInUsernames,
  ...separationOfDuties,
  ...roleGrantInput,
];
