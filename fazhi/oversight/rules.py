"""Per-object rules of oversight records (django-rules), checked in the actions:
who may approve a rectification item, who may evaluate a case file. Loaded by
rules' autodiscovery and by the actions that test them."""

from __future__ import annotations

import rules


@rules.predicate
def submitted_it(user, rectification) -> bool:
    """The user submitted the item for close-out."""
    return rectification is not None and rectification.submitted_by_id == user.pk


@rules.predicate
def handled_it(user, case) -> bool:
    """The user handled the case: its handler, or the account of one of its officers."""
    if case is None:
        return False
    if case.handler_id == user.pk:
        return True
    return case.officers.filter(user_id=user.pk).exists()


# The approver of a close-out (or a rejection) is not the one who submitted it.
rules.add_rule("oversight.may_approve_rectification", ~submitted_it)
# A case file is evaluated by someone who did not handle the case.
rules.add_rule("oversight.may_evaluate_case", ~handled_it)


def may_approve(user, rectification) -> bool:
    return rules.test_rule("oversight.may_approve_rectification", user, rectification)


def may_evaluate(user, case) -> bool:
    return rules.test_rule("oversight.may_evaluate_case", user, case)
