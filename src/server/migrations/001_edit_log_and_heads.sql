-- 001: the roles, the episode queue, the append-only edit log and one head per (dataset, episode, annotator),
-- moved only by compare-and-swap (push_edit). Every rule lives here; the HTTP layer only switches role and
-- annotator per request (SET LOCAL ROLE + set_config('proclens.annotator', ...)) and calls these functions.

-- Roles are cluster-wide: created once, whichever database migrates first. Each step runs only when missing,
-- so a login without CREATEROLE migrates fine once a DBA has made the roles (docs/team.md, Production).
do $$
begin
  if not exists (select from pg_roles where rolname = 'proclens_annotator') then create role proclens_annotator nologin; end if;
  if not exists (select from pg_roles where rolname = 'proclens_reviewer') then create role proclens_reviewer nologin; end if;
  if not exists (select from pg_roles where rolname = 'proclens_admin') then create role proclens_admin nologin; end if;
  -- A reviewer can do what an annotator can, an admin what a reviewer can.
  if not pg_has_role('proclens_reviewer', 'proclens_annotator', 'member') then grant proclens_annotator to proclens_reviewer; end if;
  if not pg_has_role('proclens_admin', 'proclens_reviewer', 'member') then grant proclens_reviewer to proclens_admin; end if;
  -- The server's own login switches into the roles per request.
  if not pg_has_role(current_user, 'proclens_admin', 'member') then execute format('grant proclens_admin to %I', current_user); end if;
end $$;

-- Who the request is from; NULL (so every policy refuses) when the server did not set it.
create function proclens_me() returns text language sql stable as $$
  select nullif(current_setting('proclens.annotator', true), '')
$$;

create table datasets (
  dataset text primary key check (length(dataset) between 1 and 500),
  created_at timestamptz not null default clock_timestamp()
);

create table episodes (
  dataset text not null references datasets (dataset),
  episode integer not null check (episode >= 0),
  primary key (dataset, episode)
);

-- Append-only: nobody is granted UPDATE or DELETE, and a trigger refuses them even for the owner.
create table edit_log (
  id uuid primary key,
  annotator text not null check (length(annotator) between 1 and 80),
  dataset text not null check (length(dataset) between 1 and 500),
  episode integer not null check (episode >= 0),
  base_version integer not null check (base_version >= 0),
  version integer not null,
  label text not null,
  doc jsonb not null,
  client_at timestamptz,
  server_at timestamptz not null default clock_timestamp(),
  check (version = base_version + 1)
);
create index edit_log_annotator on edit_log (annotator, server_at);
create index edit_log_episode on edit_log (dataset, episode, annotator, version);

create function edit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'edit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger edit_log_no_update before update or delete on edit_log for each row execute function edit_log_append_only();
create trigger edit_log_no_truncate before truncate on edit_log for each statement execute function edit_log_append_only();

create table heads (
  dataset text not null,
  episode integer not null check (episode >= 0),
  annotator text not null check (length(annotator) between 1 and 80),
  version integer not null check (version >= 1),
  doc jsonb not null,
  edit_id uuid not null,
  updated_at timestamptz not null default clock_timestamp(),
  -- The transaction that last moved the head: a pull's cursor is a snapshot, and "changed since" is "written
  -- by a transaction that snapshot could not see", exact even when transactions commit out of order.
  changed_xid xid8 not null default pg_current_xact_id(),
  primary key (dataset, episode, annotator)
);
create index heads_changed on heads (dataset, changed_xid);

-- The only way a head moves: from p_base_version to p_base_version + 1, or not at all.
-- applied: head moved and the edit appended; duplicate: this edit id is in the log already (a retry);
-- conflict: the head is not at p_base_version (version is NULL; the caller reads the head).
create function push_edit(p_id uuid, p_annotator text, p_dataset text, p_episode integer, p_base_version integer,
                          p_label text, p_doc jsonb, p_client_at timestamptz)
returns table (status text, version integer) language plpgsql as $$
declare
  v integer;
  n integer;
begin
  select e.version into v from edit_log e where e.id = p_id;
  if found then
    return query select 'duplicate'::text, v;
    return;
  end if;
  if p_base_version = 0 then
    insert into heads as h (dataset, episode, annotator, version, doc, edit_id)
      values (p_dataset, p_episode, p_annotator, 1, p_doc, p_id)
      on conflict on constraint heads_pkey do nothing;
  else
    update heads h set version = p_base_version + 1, doc = p_doc, edit_id = p_id, updated_at = clock_timestamp(),
                       changed_xid = pg_current_xact_id()
     where h.dataset = p_dataset and h.episode = p_episode and h.annotator = p_annotator and h.version = p_base_version;
  end if;
  get diagnostics n = row_count;
  if n = 0 then
    -- A concurrent push of the same id may have committed while we waited for the head's lock: a duplicate.
    select e.version into v from edit_log e where e.id = p_id;
    if found then
      return query select 'duplicate'::text, v;
    else
      return query select 'conflict'::text, null::integer;
    end if;
    return;
  end if;
  insert into edit_log (id, annotator, dataset, episode, base_version, version, label, doc, client_at)
    values (p_id, p_annotator, p_dataset, p_episode, p_base_version, p_base_version + 1, p_label, p_doc, p_client_at);
  return query select 'applied'::text, p_base_version + 1;
end $$;

-- Registering a dataset's episodes in the shared queue (idempotent); returns how many were new.
create function register_episodes(p_dataset text, p_episodes integer[]) returns integer language plpgsql as $$
declare
  n integer;
begin
  insert into datasets (dataset) values (p_dataset) on conflict do nothing;
  insert into episodes (dataset, episode) select p_dataset, e from unnest(p_episodes) as e on conflict do nothing;
  get diagnostics n = row_count;
  return n;
end $$;

-- Row-level security: everyone signed in reads everything; an annotator writes only as themself.
alter table edit_log enable row level security;
alter table heads enable row level security;
alter table datasets enable row level security;
alter table episodes enable row level security;
create policy edit_log_read on edit_log for select to proclens_annotator using (true);
create policy edit_log_write on edit_log for insert to proclens_annotator with check (annotator = proclens_me());
create policy heads_read on heads for select to proclens_annotator using (true);
create policy heads_insert on heads for insert to proclens_annotator with check (annotator = proclens_me());
-- USING (true): updating someone else's head is refused with an error, not silently matched as zero rows.
create policy heads_update on heads for update to proclens_annotator using (true) with check (annotator = proclens_me());
create policy datasets_all on datasets for all to proclens_annotator using (true) with check (true);
create policy episodes_read on episodes for select to proclens_annotator using (true);
create policy episodes_insert on episodes for insert to proclens_annotator with check (true);

revoke all on edit_log, heads, datasets, episodes from public;
grant select, insert on edit_log to proclens_annotator;
grant select, insert, update on heads to proclens_annotator;
grant select, insert on datasets, episodes to proclens_annotator;
revoke all on function push_edit, register_episodes from public;
grant execute on function push_edit, register_episodes, proclens_me to proclens_annotator;
