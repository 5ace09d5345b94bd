-- GB/T 4754-2017 第1号修改单 (2019-03-29): the new 小类 9231 is 监察委员会; 人民法院 moved from 9231
-- to 9232 and 人民检察院 from 9232 to 9233. The shipped table now includes it (1,382 小类,
-- docs/REFERENCE_DATA.md). Enterprises already coded under the old numbers keep their meaning.
-- A new database has no industries yet at this point: the reference load that follows the
-- migrations adds the amended table, and nothing here applies.
INSERT INTO industries (code, name, level, parent_code)
  SELECT '9233', '人民检察院', 4, '923' WHERE EXISTS (SELECT 1 FROM industries WHERE code = '923')
  ON CONFLICT (code) DO NOTHING;
UPDATE enterprises SET industry_code = CASE industry_code WHEN '9232' THEN '9233' ELSE '9232' END
  WHERE industry_code IN ('9231', '9232');
