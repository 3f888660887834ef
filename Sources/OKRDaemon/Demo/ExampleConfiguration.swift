/// `config/okrd.example.yaml`, built into the binary so `okrd demo` runs on a fresh machine
/// without a configuration file. A test keeps it equal to the file (edit the file, then copy it here).
public enum ExampleConfiguration {
    public static let name = "config/okrd.example.yaml (built in)"

    public static let yaml = #"""
# okrd example configuration: the sales department of the case study.
#
# Two teams (EMEA in Berlin, Americas in New York), five objectives with their key results, and
# three KPIs. Every destination prints to the console, so this file runs with no chat account:
#
#   okrd validate --config config/okrd.example.yaml
#   okrd status   --config config/okrd.example.yaml
#
# Keys are snake_case. Unknown keys are errors (okrd validate says which and suggests the right one).
# Durations: 90m, 36h, 14d, 1w. Times: "mon 09:30" or a 5-field cron expression ("30 9 * * 1").
# Secrets (webhook URLs, tokens, signing secrets) are never written here: use ${ENV_VAR},
# file:/path, or credential:NAME (systemd LoadCredential). A literal URL is accepted with a warning.

# Default time zone for people and teams that do not name their own (IANA name).
timezone: Europe/Berlin

# The OKR period. A quarter (2026-Q4), half (2027-H1) or year (2026), in the default time zone.
# For other spans, list them instead; okrd uses the one that contains today:
#   periods:
#     - {id: FY27-H1, start: 2026-10-01, end: 2027-03-31, timezone: Europe/Berlin}
period: 2026-Q4

# People who own key results and answer check-ins.
#   id        stable id used everywhere in this file (required)
#   name      display name (default: the id)
#   timezone  their own time zone (default: the top-level one)
#   workdays  days they work (default mon-fri); a Sunday-Thursday week is fine
#   manager   person id of their manager: escalations mention them
#   handles   their identity on each platform, so okrd can mention them and knows who answered:
#             slack (member id U...), mattermost (username or user id), teams (Entra object id,
#             the activity's aadObjectId), discord (user id), matrix (@user:server),
#             googlechat (users/NUMBER). Replies are matched by these fixed ids only; a display
#             name counts only for someone with no handle on that platform and a unique name.
#   holidays  days off (YYYY-MM-DD): no prompts, no reminders, not counted toward staleness
#   away      absences: [{from: YYYY-MM-DD, until: YYYY-MM-DD}] (also settable from chat: "ooo until Dec 4")
people:
  - id: grace
    name: Grace Okafor
    timezone: America/New_York
    handles: {slack: U01GRACE, matrix: "@grace:example.org", mattermost: grace.okafor}
  - id: dana
    name: Dana Weber
    manager: grace
    handles: {slack: U02DANA, teams: 4c1a9e2b-7d3f-4b8e-a5c6-0f2d8b7e1a93, matrix: "@dana:example.org", mattermost: dana.weber}
  - id: maria
    name: Maria Keller
    manager: dana
    workdays: [mon, tue, wed, thu, fri]
    handles: {slack: U02MARIA, mattermost: maria.keller, teams: d2f5c3a1-7e4b-4f0a-9c1d-2b8e6f4a0c11, discord: "80351110224678912", matrix: "@maria:example.org", googlechat: "users/1234567"}
    holidays: [2026-12-24, 2026-12-31]
  - id: li
    name: Li Wei
    manager: dana
    handles: {slack: U02LIWEI, mattermost: li.wei, matrix: "@li:example.org"}
    away:
      - {from: 2026-12-21, until: 2027-01-01}
  - id: carlos
    name: Carlos Mendes
    timezone: America/New_York
    manager: grace
    handles: {slack: U03CARLOS, mattermost: carlos.mendes, matrix: "@carlos:example.org"}
  - id: sam
    name: Sam Rivera
    timezone: America/New_York
    manager: carlos
    handles: {slack: U03SAM, mattermost: sam.rivera, discord: "80351110224678913", matrix: "@sam:example.org"}
  - id: priya
    name: Priya Nair
    timezone: America/Los_Angeles
    manager: carlos
    handles: {slack: U03PRIYA, mattermost: priya.nair, matrix: "@priya:example.org"}

# Where messages go. Every team names one; logs name destinations, never their URLs.
#   name        referenced by teams (required)
#   platform    slack | teams | discord | mattermost | googlechat | matrix | webhook | console
#   url         the incoming-webhook URL (a secret reference), for every platform but matrix and console
#   rate_limit  messages per time unit for this destination (default 1/s; "0" for none)
#   homeserver, room, access_token   matrix only: base URL, room id, bot access token (secret)
#   secret      webhook only: Standard Webhooks signing secret (whsec_...), a secret reference
#   application_owned   discord only: true when okrd's application owns the webhook (prompts get buttons)
destinations:
  - name: terminal
    platform: console
  # Real chat destinations look like this (uncomment and set the environment variables):
  # - name: emea-slack
  #   platform: slack
  #   url: ${OKRD_SLACK_EMEA_URL}
  #   rate_limit: 1/s
  # - name: americas-teams
  #   platform: teams
  #   url: credential:teams-americas-url
  # - name: leadership-discord
  #   platform: discord
  #   url: ${OKRD_DISCORD_URL}
  # - name: sales-mattermost
  #   platform: mattermost
  #   url: file:/etc/okrd/mattermost-url
  # - name: sales-googlechat
  #   platform: googlechat
  #   url: ${OKRD_GOOGLECHAT_URL}
  # - name: sales-matrix
  #   platform: matrix
  #   homeserver: https://matrix.example.org
  #   room: "!abcdefg:example.org"
  #   access_token: ${OKRD_MATRIX_TOKEN}
  # - name: crm-hook
  #   platform: webhook
  #   url: https://crm.example.com/hooks/okrd
  #   secret: ${OKRD_WEBHOOK_SIGNING_SECRET}

# Teams: who answers together, where their messages go, and their weekly rhythm.
#   id, name      (id required)
#   members       person ids (required)
#   lead          person id: at-risk alerts and digests mention them
#   destination   where prompts, reminders, alerts and digests go (required)
#   escalation    where level-3 escalations go, mentioning the manager (default: destination)
#   timezone      the team's time zone for its schedule (default: the top-level one)
#   schedule      prompt / reminder / digest: "mon 09:30", "mon,thu 09:30", "weekdays 09:00",
#                 a cron expression "30 9 * * 1", or "off". Defaults: mon 09:30, wed 09:30, fri 16:00.
teams:
  - id: sales-emea
    name: Sales EMEA
    members: [dana, maria, li]
    lead: dana
    destination: terminal
    escalation: terminal
    timezone: Europe/Berlin
    schedule: {prompt: "mon 09:30", reminder: "wed 09:30", digest: "fri 16:00"}
  - id: sales-americas
    name: Sales Americas
    members: [carlos, sam, priya]
    lead: carlos
    destination: terminal
    escalation: terminal
    timezone: America/New_York
    schedule: {prompt: "mon 10:00", reminder: "wed 10:00", digest: "fri 15:00"}

# Objectives and their key results.
#   key           short stable id people may type in chat (required, unique)
#   title         (required)
#   team          the owning team (required)
#   aligned_to    the parent objective's key (may live in another tool), or
#   top_level     true for a company-level objective with no parent
#   owner         person id accountable for the objective
#   silence       lint rules that do not apply here, with the reason: {OKR005: "why"}
#   key_results:
#     key         short stable id people type in chat (required, unique across the file)
#     title       (required)
#     owner       person id who checks in
#     kind        increase | decrease | threshold | milestone (default: from baseline/target/milestones)
#     unit        count | number | percent | days | currency:USD (any ISO code); percent is 45 for 45 %
#     baseline    where it starts
#     target      where it should end; for threshold, the value to stay at or beyond
#     direction   threshold only: at_least (default) | at_most
#     weight      relative weight in the objective's progress (default 1)
#     pace        linear (default) | backloaded (sales quarters close late) |
#                 [{date: 2026-11-15, expected: 0.4}, ...] explicit checkpoints
#     milestones  milestone only: the named steps
objectives:
  - key: territory-model
    title: Move to a territory-focused sales model
    team: sales-emea
    owner: dana
    aligned_to: grow-enterprise-revenue
    key_results:
      - key: territories
        title: Roll out the territory model
        owner: maria
        kind: milestone
        milestones: [Define territories, Assign reps, Migrate accounts, Retire the old model]
      - key: territory-coverage
        title: Raise the share of accounts with a territory owner from 35% to 100%
        owner: maria
        unit: percent
        baseline: 35
        target: 100
      - key: territory-win-rate
        title: Increase the win rate in reassigned territories from 22% to 28%
        owner: li
        unit: percent
        baseline: 22
        target: 28

  - key: reseller-channel
    title: Establish an active reseller channel
    team: sales-emea
    owner: dana
    aligned_to: grow-partner-revenue
    key_results:
      - key: reseller-partners
        title: Sign 5 active reseller partners
        owner: maria
        unit: count
        baseline: 0
        target: 5
      - key: reseller-pipeline
        title: Generate $250k of qualified pipeline through resellers
        owner: li
        unit: currency:USD
        baseline: 0
        target: 250000
        pace: backloaded
      - key: reseller-deals
        title: Close 8 reseller-sourced deals
        owner: maria
        unit: count
        baseline: 0
        target: 8
        pace: backloaded

  - key: renewals
    title: Increase revenue from existing customers
    team: sales-emea
    owner: dana
    aligned_to: grow-enterprise-revenue
    key_results:
      - key: upsell-rate
        title: Achieve a 20% upsell rate in the installed base
        owner: li
        unit: percent
        baseline: 12
        target: 20
      - key: renewal-rate
        title: Keep renewal rates at or above 90%
        owner: dana
        kind: threshold
        unit: percent
        baseline: 86
        target: 90
      - key: churn
        title: Reduce customer churn from 11% to 8%
        owner: li
        kind: decrease
        unit: percent
        baseline: 11
        target: 8

  - key: demo-pipeline
    title: Build a robust demo pipeline for the Americas
    team: sales-americas
    owner: carlos
    aligned_to: grow-enterprise-revenue
    key_results:
      - key: demo-conversion
        title: Lift demo-to-opportunity conversion from 20% to 35%
        owner: sam
        unit: percent
        baseline: 20
        target: 35
      - key: demo-pipeline-value
        title: Grow demo-sourced pipeline to $1.2M
        owner: priya
        unit: currency:USD
        baseline: 300000
        target: 1200000
        weight: 2
      - key: demo-satisfaction
        title: Raise the demo satisfaction score from 7.1 to 8.5
        owner: sam
        unit: number
        baseline: 7.1
        target: 8.5

  - key: strategic-partners
    title: Establish strategic partnerships and channels
    team: sales-americas
    owner: carlos
    aligned_to: grow-partner-revenue
    key_results:
      - key: tech-partners
        title: Sign 3 strategic technology partners
        owner: carlos
        unit: count
        baseline: 0
        target: 3
      - key: partner-revenue
        title: Generate $400k in partner-referred revenue
        owner: priya
        unit: currency:USD
        baseline: 0
        target: 400000
        pace: [{date: 2026-11-15, expected: 0.3}, {date: 2026-12-15, expected: 0.8}]
      - key: partner-customers
        title: Win 20 new customers from partner referrals
        owner: sam
        unit: count
        baseline: 0
        target: 20

# KPIs: health metrics of business as usual, reviewed weekly in the same replies ("deal-size $48k").
#   key, title, team (required), owner
#   unit       as for key results
#   direction  at_least | at_most (required): which side of the target is healthy
#   target     (required); current: the latest known value until someone checks in a newer one
#   heals      the objective meant to bring it back to health
kpis:
  - key: deal-size
    title: Average deal size
    team: sales-emea
    owner: dana
    unit: currency:USD
    direction: at_least
    target: 45000
    current: 41000
    heals: renewals
  - key: close-rate
    title: Close rate of qualified opportunities
    team: sales-americas
    owner: carlos
    unit: percent
    direction: at_least
    target: 25
    current: 22
    heals: demo-pipeline
  - key: sales-cycle
    title: Sales cycle length
    team: sales-americas
    owner: carlos
    unit: days
    direction: at_most
    target: 45
    current: 52

# When statuses change and how the escalation ladder behaves (all optional; these are the defaults
# except quiet_hours, which is off by default).
#   at_risk_gap / in_trouble_gap     points behind the expected progress (0.10 = 10 points)
#   at_risk_confidence / in_trouble_confidence   reported confidence (0-10) at or below these
#   stale_after                      no check-in for this long (in the owner's work days: 14d is ten of a 5-day week)
#   repeat_interval                  the same alert at most this often
#   quiet_hours                      messages wait during this local window
#   respect_weekends                 messages wait over the team's weekend
#   cycles_before_escalation         check-in cycles at level 2 before level 3
escalation:
  at_risk_gap: 0.10
  in_trouble_gap: 0.25
  at_risk_confidence: 5
  in_trouble_confidence: 3
  stale_after: 14d
  repeat_interval: 7d
  quiet_hours: "19:00-08:00"
  respect_weekends: true
  cycles_before_escalation: 2

# Delivery (optional; defaults shown).
#   max_age          messages older than this go to dead letters instead of arriving late
#   parallel         HTTP requests at once across all destinations
#   in_flight        messages sent whose outcome is not yet on disk (at least parallel): the
#                    most a crash or power loss can make okrd send twice
#   initial_backoff / max_backoff   retry backoff (doubling, with jitter)
#   timeout          per-request deadline
#   ca_bundle        a PEM CA bundle for TLS verification (default: the system's)
delivery:
  max_age: 24h
  parallel: 16
  in_flight: 128
  initial_backoff: 2s
  max_backoff: 10m
  timeout: 30s

# Scheduler (optional): occurrences missed while okrd was down still fire once on start if they
# are younger than catch_up_grace; older ones are skipped and logged. escalation_check is when the
# escalation ladder looks at every key result (each team's time zone; "off" disables alerts); the
# default runs after people had a chance to answer the prompt and the reminder.
scheduler:
  catch_up_grace: 2h
  escalation_check: "tue,thu 11:00"

# How people's answers come back in (each optional; secrets are references).
# inbound:
#   slack:
#     signing_secret: ${OKRD_SLACK_SIGNING_SECRET}      # POST /slack/commands, /slack/events, /slack/interactions
#     bot_token: ${OKRD_SLACK_BOT_TOKEN}                # xoxb-...: prompts get a "Check in" button and form
#   mattermost:
#     token: credential:mattermost-token                 # POST /mattermost
#     server_url: https://chat.example.com               # prompts get buttons and a check-in dialog
#   teams:
#     hmac_key: ${OKRD_TEAMS_KEY}                        # POST /teams (outgoing webhook security token)
#   discord:
#     public_key: 9f1c0e...                              # POST /discord/interactions (64 hex chars)
#   webhook:
#     secret: ${OKRD_WEBHOOK_SECRET}                     # POST /webhook, Standard Webhooks whsec_...
#   matrix:
#     homeserver: https://matrix.example.org
#     access_token: ${OKRD_MATRIX_TOKEN}
#     rooms: ["!abcdefg:example.org"]

# The reply server (GET /healthz, /metrics, the dashboard and check-in pages).
#   listen           HOST:PORT, or off (no reply server; okrd run --listen overrides it)
#   public_url       how people reach it (check-in links and chart images)
#   dashboard_token  required to read the dashboard from anywhere but localhost (secret reference)
#   link_secret      signs personal check-in links (default: generated and kept in the database)
server:
  listen: "127.0.0.1:8088"
  # public_url: https://okrd.example.com

# Where state lives. Default: $STATE_DIRECTORY/okrd.sqlite under systemd, else
# ~/.local/state/okrd/okrd.sqlite. (storage: {postgres: URL} is reserved for the coming PostgreSQL
# store for several replicas; this version refuses it with a clear error.)
# storage:
#   sqlite: /var/lib/okrd/okrd.sqlite

"""#
}
