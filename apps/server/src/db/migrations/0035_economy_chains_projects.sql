-- Economy module, part 2 (issue 9): industrial chains and their gaps (延链补链强链), investment
-- projects (招商引资). docs/economy/CHAINS.md and PROJECTS.md explain each table.

-- An industrial chain (产业链): a tree of links from upstream to downstream.
CREATE TABLE economy_chains (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL UNIQUE,
  name_en      text NOT NULL DEFAULT '',
  description  text NOT NULL DEFAULT '',
  sort_order   integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);

-- A link (链条环节): its enterprises are those whose industry code starts with one of its prefixes
-- (GB/T 4754-2017, any level) or whose name or business scope contains one of its keywords; a
-- parent link also holds its descendants' enterprises, each counted once.
CREATE TABLE economy_chain_links (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id          uuid NOT NULL REFERENCES economy_chains (id) ON DELETE CASCADE,
  parent_id         uuid REFERENCES economy_chain_links (id) ON DELETE CASCADE,
  name              text NOT NULL,
  name_en           text NOT NULL DEFAULT '',
  segment           text NOT NULL DEFAULT 'midstream' CHECK (segment IN ('upstream', 'midstream', 'downstream')),
  industry_prefixes text[] NOT NULL DEFAULT '{}',
  keywords          text[] NOT NULL DEFAULT '{}',
  sort_order        integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (chain_id, name)
);
CREATE INDEX economy_chain_links_chain ON economy_chain_links (chain_id, sort_order);

-- The stages of an investment project, configurable (order, target days, the milestones a new
-- project gets for each stage). 'producing' ends the pipeline: the project has landed.
CREATE TABLE economy_project_stages (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,31}$'),
  name          text NOT NULL,
  name_en       text NOT NULL DEFAULT '',
  sort_order    integer NOT NULL,
  target_days   integer CHECK (target_days > 0),
  milestones    jsonb NOT NULL DEFAULT '[]',
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE economy_projects (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                   text NOT NULL,
  investor               text NOT NULL,
  investor_origin        text NOT NULL DEFAULT '',
  industry_code          text NOT NULL REFERENCES industries (code),
  chain_link_id          uuid REFERENCES economy_chain_links (id) ON DELETE SET NULL,
  total_investment_fen   bigint NOT NULL CHECK (total_investment_fen > 0),
  received_investment_fen bigint NOT NULL DEFAULT 0 CHECK (received_investment_fen >= 0),
  stage                  text NOT NULL REFERENCES economy_project_stages (code),
  stage_entered_at       timestamptz NOT NULL DEFAULT now(),
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'landed', 'dropped')),
  owner_id               uuid NOT NULL REFERENCES users (id),
  division_code          text NOT NULL,
  address                text NOT NULL DEFAULT '',
  construction_percent   smallint NOT NULL DEFAULT 0 CHECK (construction_percent BETWEEN 0 AND 100),
  enterprise_id          uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  description            text NOT NULL DEFAULT '',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1
);
CREATE INDEX economy_projects_stage ON economy_projects (stage, status);
CREATE INDEX economy_projects_link ON economy_projects (chain_link_id) WHERE chain_link_id IS NOT NULL;
CREATE INDEX economy_projects_division ON economy_projects (division_code text_pattern_ops);

-- Every stage change, in order: the time spent in each stage and the funnel are read from here.
-- A change past a required milestone not done keeps the milestones skipped and the officer's reason.
CREATE TABLE economy_project_stage_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id   uuid NOT NULL REFERENCES economy_projects (id) ON DELETE CASCADE,
  from_stage   text,
  to_stage     text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  by_user      uuid REFERENCES users (id) ON DELETE SET NULL,
  by_name      text NOT NULL DEFAULT '',
  skipped      jsonb NOT NULL DEFAULT '[]',
  reason       text NOT NULL DEFAULT ''
);
CREATE INDEX economy_project_stage_events_project ON economy_project_stage_events (project_id, id);

CREATE TABLE economy_project_milestones (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id    uuid NOT NULL REFERENCES economy_projects (id) ON DELETE CASCADE,
  stage         text NOT NULL REFERENCES economy_project_stages (code),
  name          text NOT NULL,
  required      boolean NOT NULL DEFAULT true,
  due_date      date,
  done_at       timestamptz,
  done_by_name  text NOT NULL DEFAULT '',
  -- 0 not escalated, 1 the owner told, 2 the leaders told (docs/economy/PROJECTS.md)
  escalation    smallint NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX economy_project_milestones_project ON economy_project_milestones (project_id, stage);
CREATE INDEX economy_project_milestones_open ON economy_project_milestones (due_date) WHERE done_at IS NULL;

-- Problems raised at a stage (要素保障、审批、用地…) and who must solve them.
CREATE TABLE economy_project_problems (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id      uuid NOT NULL REFERENCES economy_projects (id) ON DELETE CASCADE,
  stage           text NOT NULL REFERENCES economy_project_stages (code),
  description     text NOT NULL,
  responsible     text NOT NULL,
  due_date        date,
  raised_by_name  text NOT NULL DEFAULT '',
  raised_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  resolution      text NOT NULL DEFAULT ''
);
CREATE INDEX economy_project_problems_project ON economy_project_problems (project_id, raised_at);

-- The default pipeline (shared/domain/economy.md §2.1 and the article's 洽谈/签约/开工/投产).
-- A stage's milestones are due so many days after the project enters it and must be done before it
-- leaves it (required ones; the others are for the record).
INSERT INTO economy_project_stages (code, name, name_en, sort_order, target_days, milestones) VALUES
  ('contact', '接洽', 'First contact', 1, 30, '[{"name":"指定项目负责人","required":true,"dueDays":1},{"name":"项目研判","required":true,"dueDays":7}]'),
  ('negotiating', '洽谈', 'Negotiating', 2, 90, '[{"name":"投资意向书","required":true,"dueDays":30},{"name":"项目评审会","required":true,"dueDays":60},{"name":"签订投资协议","required":true,"dueDays":90}]'),
  ('signed', '签约', 'Signed', 3, 120, '[{"name":"项目公司注册","required":true,"dueDays":60},{"name":"土地摘牌","required":true,"dueDays":120}]'),
  ('land_secured', '供地', 'Land secured', 4, 180, '[{"name":"规划设计方案批复","required":true,"dueDays":90},{"name":"施工许可证","required":true,"dueDays":150}]'),
  ('construction', '开工', 'Construction started', 5, 540, '[{"name":"主体结构封顶","required":false,"dueDays":365},{"name":"竣工验收","required":true,"dueDays":540}]'),
  ('producing', '投产', 'Producing', 6, NULL, '[]');
