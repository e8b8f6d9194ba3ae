/**
 * The case's documents (文书). Filled in once the server's documents module is merged (issue-6-server);
 * until then there is nothing to list.
 */
export function DocumentsSection(_props: { caseId: string; version: number }) {
  return null;
}
