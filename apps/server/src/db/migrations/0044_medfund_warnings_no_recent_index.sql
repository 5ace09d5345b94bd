-- 医保基金监管 (issue 8): medfund_warnings_recent (id DESC) duplicates the primary key, which a
-- backward index scan reads in the same order; no query needs it, and every warning a roll-up
-- writes paid for it (a first roll-up over a year's findings writes about 100,000).
DROP INDEX IF EXISTS medfund_warnings_recent;
