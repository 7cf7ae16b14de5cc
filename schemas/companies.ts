/** A company node of `GET /companies/tree`, nested under its parent. */
export interface CompanyTreeNode {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  children: CompanyTreeNode[];
}
