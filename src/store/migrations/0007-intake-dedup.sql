-- meldkamer schema: alerts recognised when they come again (issue 4,
-- review point 4). Feeding the same alert file twice, or posting the same
-- alert to the API again, must not count it twice: each alert row gets the
-- SHA-256 of its JSON text as taken (doc/alerts.md "Alerts already taken"),
-- unique, so that the second time it is reported as already there. The
-- 32 bytes themselves, not hex: the index is half the size, which is what
-- intake of a large file pays for at every insert.
--
-- Numbered 0007 so that it follows the other branches' 0004..0006 at the
-- merge; it needs nothing of theirs.

ALTER TABLE alert ADD COLUMN sha256 BLOB CHECK (sha256 IS NULL OR
	(typeof(sha256) = 'blob' AND length(sha256) = 32));

-- Alerts taken before this schema: the first row of each text gets its
-- hash (mk_sha256 is registered by the store for the upgrade); a copy
-- that was already taken twice keeps NULL, so the unique index holds and
-- the copy stays counted as it was (nothing is rewritten in a group).
UPDATE alert SET sha256 = mk_sha256(raw)
	WHERE id IN (SELECT min(id) FROM alert GROUP BY raw);

CREATE UNIQUE INDEX alert_sha256 ON alert(sha256);
