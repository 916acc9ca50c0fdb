"""Assisted participation at a service desk (balcão), issue 13 item 4.

A staff member of the group "Balcão de atendimento" opens an attendance for a
person without internet: finds them (or creates a managed account with no
email), records their consent, then acts for them: registers them for an
event, submits a contribution, opens a demand. Every act is an
`AssistedAction` row (who acted, for whom, what, when).

Why here and not in `civic.accounts`: acting for a person is a channel of
dialogue between the city and the people, the desk channel `Demand.Channel.DESK`
already lives in this app, and the acts reach into consultations and the
demand channel. `civic.accounts` sits below every app and must not import
them; `civic.dialogue` already depends on consultations, councils and
entities, so the imports keep pointing downwards. The account-level pieces
(the `User.is_managed` flag, `Consent.recorded_by`/`channel`) stay in
`civic.accounts`, where every app can read them.

Modules: `models` (AssistedAction, ClaimInvite), `rules`, `services`
(attendance and acts), `claims` (taking over a managed account), `forms`,
`views`, `urls`, `admin`.
"""
