"""gov.br Login Único: sign-in with the federal identity through allauth's
OpenID Connect support (reference/domain.md §5.3).

- `provider`, `client`, `views`, `urls`: the allauth provider "govbr";
- `claims`: what the ID token says about the person;
- `adapter`: allauth's social-account hooks (new accounts, refreshing the level);
- `linking`: joining gov.br to an existing account, only after confirmation;
- `levels`: the reliability level an action requires.
"""
