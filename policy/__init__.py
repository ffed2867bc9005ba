"""cfn-lint rules for template.yaml: least privilege, private encrypted data, the function's trigger and failure path.

`make validate` runs them (`cfn-lint --append-rules policy`); tests/integration/test_template_policy.py breaks a
copy of the template once per rule and checks that the rule fires.
"""
