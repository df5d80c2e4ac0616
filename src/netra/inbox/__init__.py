"""The citizen inbox: every message from the public accepted, triaged, routed, timed and answered.

Modules, each with one job (the web routes and the CLI call these; see docs/inbox.md):

- `webhooks` (signatures and payload parsers per platform), `receive` (store a delivery, then
  parse it), `store` (deduplicated insert, threads), `polling`, `importers`: getting messages in;
- `triage` (intent, topic, urgency, sentiment/emotion, abuse and personal data), backed by
  `features`, `model`, `lexicons`, `train`, `dataset`;
- `routing` (rules, units, assignment, hand-over), `workdays` (working calendar and holidays),
  `sla` (service standards, deadlines, escalation), `lapor` (SP4N-LAPOR! categories);
- `faq` (knowledge base and retrieval), `replies` (check and send), `senders` (platform
  adapters), `dashboard` (backlog, response times, trends, CSV export).

Nothing here imports the web app; heavy pieces (the engine, the model) load lazily.
"""
