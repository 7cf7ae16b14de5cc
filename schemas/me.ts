/** `GET /api/v1/me` answer; field names are part of the public contract (DESIGN.md §4). */
export interface MeUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  companyId: string;
  companyName: string;
  relatedCompanyId: string;
  parentUserId: string | null;
  expiresAt: string | null;
  /** The password was set by an admin: the user must choose its own before anything else. */
  mustChangePassword: boolean;
}

export interface MeResponse {
  user: MeUser;
  scope: { companyId: string; companyName: string };
  permissions: string[];
  session: { id: string; client: 'web' | 'app'; expiresAt: string | null };
}
