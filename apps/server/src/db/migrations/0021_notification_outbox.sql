-- SMS and e-mail for every notification (issue 4): an outbox written in the transaction of the
-- notification it belongs to, delivered after commit by a background job (core/notifications).

-- One row per message. Nothing is sent inside the transaction that writes the row: a rollback
-- takes the message with it. The delivery job claims a row (queued -> sending, under a lease)
-- with FOR UPDATE SKIP LOCKED, sends it through the adapter, and marks it sent, or queued again
-- with a later next_attempt_at (backoff), or failed after the last attempt. A row left in
-- 'sending' by a process that died is marked failed, never sent again on its own (it may have
-- gone out): an administrator can retry it.
CREATE TABLE notification_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- the user it is for; NULL for an address that is no user's (a service request's contact phone)
  user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
  address         text NOT NULL CHECK (address <> ''),
  subject         text NOT NULL DEFAULT '',
  body            text NOT NULL,
  notification_id uuid REFERENCES notifications (id) ON DELETE SET NULL,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  -- a retry waits until then; NULL = as soon as possible
  next_attempt_at timestamptz,
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
-- What the delivery job looks for, and the administrators' list (newest first, by status / channel).
CREATE INDEX notification_outbox_due ON notification_outbox (id) WHERE status IN ('queued', 'sending');
CREATE INDEX notification_outbox_created ON notification_outbox (created_at DESC, id DESC);
CREATE INDEX notification_outbox_status ON notification_outbox (status, created_at DESC);
CREATE INDEX notification_outbox_user ON notification_outbox (user_id) WHERE user_id IS NOT NULL;

-- A user's opt-out of a channel (a row = no SMS, or no e-mail, for this user); in-app notifications
-- always stay.
CREATE TABLE notification_channel_optouts (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  channel    text NOT NULL CHECK (channel IN ('sms', 'email')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, channel)
);

-- The administrators' page 消息发送记录 (list, retry, export): a new core permission. A fresh
-- database gets it with the built-in admin role; an existing admin role is given it here.
UPDATE roles SET permissions = array_append(permissions, 'notification.outbox')
 WHERE code = 'admin' AND NOT ('notification.outbox' = ANY (permissions));
