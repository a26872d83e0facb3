-- Names are one line of text (second security review, item 5): control characters, line and
-- paragraph separators and bidi overrides that older rows may hold become a single space.
UPDATE "users" SET "name" = COALESCE(NULLIF(btrim(regexp_replace("name", '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+', ' ', 'g')), ''), 'Unnamed')
 WHERE "name" ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]';

UPDATE "organizations" SET "name" = COALESCE(NULLIF(btrim(regexp_replace("name", '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+', ' ', 'g')), ''), 'Unnamed')
 WHERE "name" ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]';

UPDATE "projects" SET "name" = COALESCE(NULLIF(btrim(regexp_replace("name", '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+', ' ', 'g')), ''), 'Unnamed')
 WHERE "name" ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]';
