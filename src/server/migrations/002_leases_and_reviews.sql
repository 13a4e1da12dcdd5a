-- 002: assignment by leases (claim_next) and one review per episode with a version check (set_review).

-- The lease lives on the episode's own row, so the row lock that FOR UPDATE SKIP LOCKED takes is the lease's
-- lock: a claim that waited on a row re-checks the row's new lease (a lease in another table would be read from
-- the claim's older snapshot, and two annotators could get the same episode).
alter table episodes add column lease_annotator text, add column lease_until timestamptz;
create index episodes_lease on episodes (dataset, lease_annotator);

create table reviews (
  dataset text not null,
  episode integer not null check (episode >= 0),
  status text not null check (status in ('accepted', 'rejected', 'flagged', 'in_progress')),
  reason text not null default '',
  reviewer text not null check (length(reviewer) between 1 and 80),
  version integer not null check (version >= 1),
  updated_at timestamptz not null default clock_timestamp(),
  primary key (dataset, episode)
);

-- An episode with a verdict leaves the queue.
create function has_verdict(p_dataset text, p_episode integer) returns boolean language sql stable as $$
  select exists (select from reviews r where r.dataset = p_dataset and r.episode = p_episode
                   and r.status in ('accepted', 'rejected'))
$$;

-- The annotator's own live lease first (extended), else the lowest free episode without a verdict.
create function claim_next(p_dataset text, p_annotator text, p_seconds integer)
returns table (episode integer, lease_until timestamptz) language plpgsql as $$
declare
  e integer;
begin
  if p_seconds < 1 or p_seconds > 7 * 24 * 3600 then
    raise exception 'leaseSeconds must be between 1 and 604800, not %', p_seconds using errcode = 'invalid_parameter_value';
  end if;
  select x.episode into e from episodes x
   where x.dataset = p_dataset and x.lease_annotator = p_annotator and x.lease_until > clock_timestamp()
     and not has_verdict(x.dataset, x.episode)
   order by x.episode limit 1 for update;
  if not found then
    select x.episode into e from episodes x
     where x.dataset = p_dataset and (x.lease_until is null or x.lease_until <= clock_timestamp())
       and not has_verdict(x.dataset, x.episode)
     order by x.episode limit 1 for update skip locked;
    if not found then
      return query select null::integer, null::timestamptz;
      return;
    end if;
  end if;
  return query
    update episodes x set lease_annotator = p_annotator, lease_until = clock_timestamp() + make_interval(secs => p_seconds)
     where x.dataset = p_dataset and x.episode = e
    returning x.episode, x.lease_until;
end $$;

create function release_claim(p_dataset text, p_episode integer, p_annotator text) returns boolean language plpgsql as $$
declare
  n integer;
begin
  update episodes x set lease_annotator = null, lease_until = null
   where x.dataset = p_dataset and x.episode = p_episode and x.lease_annotator = p_annotator
     and x.lease_until > clock_timestamp();
  get diagnostics n = row_count;
  return n > 0;
end $$;

-- Compare-and-swap on the review's version, like push_edit; 0 = no review yet.
create function set_review(p_dataset text, p_episode integer, p_status text, p_reason text, p_reviewer text,
                           p_base_version integer)
returns table (status text, version integer) language plpgsql as $$
declare
  n integer;
begin
  if p_base_version = 0 then
    insert into reviews (dataset, episode, status, reason, reviewer, version)
      values (p_dataset, p_episode, p_status, p_reason, p_reviewer, 1)
      on conflict on constraint reviews_pkey do nothing;
  else
    update reviews r set status = p_status, reason = p_reason, reviewer = p_reviewer, version = p_base_version + 1,
                         updated_at = clock_timestamp()
     where r.dataset = p_dataset and r.episode = p_episode and r.version = p_base_version;
  end if;
  get diagnostics n = row_count;
  if n = 0 then
    return query select 'conflict'::text, null::integer;
  else
    return query select 'applied'::text, p_base_version + 1;
  end if;
end $$;

-- A lease is taken or given back only by its own annotator (or taken over once it has expired).
create policy episodes_lease on episodes for update to proclens_annotator
  using (lease_annotator is null or lease_until <= clock_timestamp() or lease_annotator = proclens_me())
  with check (lease_annotator is null or lease_annotator = proclens_me());
-- Verdicts (accepted, rejected) are the reviewers'; anyone may mark an episode in progress or flagged.
alter table reviews enable row level security;
create policy reviews_read on reviews for select to proclens_annotator using (true);
create policy reviews_insert on reviews for insert to proclens_annotator
  with check (reviewer = proclens_me() and (status in ('in_progress', 'flagged') or pg_has_role('proclens_reviewer', 'member')));
create policy reviews_update on reviews for update to proclens_annotator using (true)
  with check (reviewer = proclens_me() and (status in ('in_progress', 'flagged') or pg_has_role('proclens_reviewer', 'member')));

revoke all on reviews from public;
grant select, insert, update on reviews to proclens_annotator;
grant update (lease_annotator, lease_until) on episodes to proclens_annotator;
revoke all on function claim_next, release_claim, set_review from public;
grant execute on function claim_next, release_claim, set_review, has_verdict to proclens_annotator;
