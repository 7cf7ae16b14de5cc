-- Order every parent chain once, so the rule "a sub-user never outlives, nor sees more than, its
-- parent" holds for data written before the API enforced it. Top-down: each sub-user keeps its
-- own expiry when it is no later than its parent's (after the parent's own fix), else takes it.
WITH RECURSIVE final(id, v) AS (
  SELECT id, expires_at FROM users WHERE parent_user_id IS NULL
  UNION ALL
  SELECT c.id, CASE
      WHEN c.expires_at IS NULL THEN final.v
      WHEN final.v IS NULL THEN c.expires_at
      WHEN c.expires_at < final.v THEN c.expires_at
      ELSE final.v END
    FROM users c JOIN final ON c.parent_user_id = final.id
)
UPDATE users SET expires_at = (SELECT v FROM final WHERE final.id = users.id)
  WHERE parent_user_id IS NOT NULL
    AND expires_at IS NOT (SELECT v FROM final WHERE final.id = users.id);
--> statement-breakpoint
-- A sub-user whose related company lies outside its parent's is narrowed to the parent's.
WITH RECURSIVE fs(id, scope_id, scope_path) AS (
  SELECT u.id, u.related_company_id, c.path FROM users u
    JOIN companies c ON c.id = u.related_company_id WHERE u.parent_user_id IS NULL
  UNION ALL
  SELECT u.id,
      CASE WHEN c.path >= fs.scope_path AND c.path < fs.scope_path || '~'
        THEN u.related_company_id ELSE fs.scope_id END,
      CASE WHEN c.path >= fs.scope_path AND c.path < fs.scope_path || '~'
        THEN c.path ELSE fs.scope_path END
    FROM users u JOIN fs ON u.parent_user_id = fs.id JOIN companies c ON c.id = u.related_company_id
)
UPDATE users SET related_company_id = (SELECT scope_id FROM fs WHERE fs.id = users.id)
  WHERE parent_user_id IS NOT NULL
    AND related_company_id IS NOT (SELECT scope_id FROM fs WHERE fs.id = users.id);
