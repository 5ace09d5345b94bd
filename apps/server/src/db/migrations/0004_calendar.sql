-- 工作日历: a year's 节假日安排 entered by an administrator from the State Council notice
-- (国务院办公厅关于 YYYY 年部分节假日安排的通知), for the years the shipped chinese-days data does not
-- have yet. A year entered here replaces the shipped data for that year (core/reference/
-- workday-calendar.ts). See docs/REFERENCE_DATA.md.

CREATE TABLE calendar_years (
  year            integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
  notice_number   text NOT NULL CHECK (btrim(notice_number) <> ''),   -- 国办发明电〔2026〕x号
  notice_title    text NOT NULL DEFAULT '',
  notice_url      text NOT NULL DEFAULT '',
  entered_by      uuid REFERENCES users (id),
  entered_by_name text NOT NULL,
  entered_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_days (
  date  date PRIMARY KEY,
  year  integer NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
  kind  text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
  name  text NOT NULL DEFAULT '',                 -- the holiday (春节); for a make-up day, the one it makes up for
  CHECK (extract(year FROM date) = year),
  CHECK (kind <> 'holiday' OR btrim(name) <> ''),
  -- 调休上班 is always a Saturday or Sunday (ISO day of week 6, 7).
  CHECK (kind <> 'makeup_workday' OR extract(isodow FROM date) IN (6, 7))
);
CREATE INDEX calendar_days_year ON calendar_days (year);

-- One row: bumped in the transaction of every change, so that other API processes notice a
-- change with one cheap read (at most every 60 s) and reload the calendar.
CREATE TABLE calendar_version (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  version    bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO calendar_version (id, version) VALUES (true, 0);

-- Built-in roles are created once and then left as administrators edited them
-- (sync-system-roles.ts): give the existing admin role the new permission here.
UPDATE roles SET permissions = array_append(permissions, 'reference.manage'), updated_at = now()
 WHERE code = 'admin' AND NOT ('reference.manage' = ANY (permissions));
