"""Registry of every finding code the rule engine emits, with its default severity.

Codes are stable: tests, the GUI and the CLI key on them. A pack's ``severity_overrides``
may change a code's severity; its message lives in ``resources/i18n/findings.toml`` under
``finding.<code>``. ``document`` is the document id a finding points at by default (a rule
may name another one, e.g. the achievement summary instead of the Mẫu 07 report).

==================================  ========  ==================================================
code                                severity  meaning
==================================  ========  ==================================================
dossier.pack_mismatch               error     dossier written for another campaign pack
dossier.pack_version                warning   dossier written for another version of the pack
dossier.empty                       error     no nominee (đối tượng) in the dossier
field.required                      error     required field empty (per nominee kind / dossier)
field.invalid_choice                error     role, collective type, ethnicity or award form
                                              not in the pack's lists
field.award_form_kind               error     award form not given to this nominee kind
field.too_long                      error     a name longer than the pack's name_max_length
nominee.kind_not_in_campaign        error     the pack has no spec for the nominee kind
nominee.duplicate                   error     same kind + folded name (+ birth year)
nominee.duplicate_id                error     two nominees with one id
criterion.missing                   error     criterion (tiêu chuẩn) not answered
criterion.not_met                   error     criterion answered "not met"
criterion.no_evidence               warning   met, but no evidence although the pack asks for it
criterion.figure_missing            error     a figure the criterion asks for is not entered
criterion.figure_below              error     figure under the pack's minimum
criterion.figure_above              error     figure over the pack's maximum (a percentage
                                              without one: over 1000 %)
criterion.unknown                   warning   answer to a criterion id the pack does not have
criterion.figure_unknown            warning   figure id the criterion does not ask for
achievement.missing                 error     kind requires achievements, none entered
achievement.no_description          error     an achievement row without description
achievement.date_missing            warning   an achievement without any date
achievement.dates_reversed          error     date_from after date_to
achievement.date_outside_period     error     achievement entirely outside the campaign period
achievement.date_partly_outside     warning   achievement straddles the period's bounds
contribution.missing                error     kind requires contributions (workdays, money,
                                              land), none entered
contribution.date_outside_period    warning   contribution dated outside the period
report_form.not_allowed             error     report form not offered for the kind
report_form.summary_not_eligible    error     summary chosen, nominee not eligible
summary.missing                     error     summary chosen, summary text empty
quota.exceeded                      error     more nominees than the unit's quota rule allows
quota.no_rule                       warning   no quota rule matches the unit
quota.consolidated                  info      unit has no quota of its own (consolidated above)
routing.wrong_level                 error     unit is neither submitter nor preparer
routing.not_managed                 error     rule requires the unit to manage the nominee
routing.no_rule                     warning   no routing rule matches the nominee
routing.via_submitter               info      nominees that go up through a submitter
priority.summary                    info      how many nominees are in priority groups
priority.none                       info      no nominee in a priority group
council.no_members                  error     minutes list no council member
council.member_unnamed              error     a council member without a name
council.no_quorum                   error     fewer members present than the quorum
council.chair_not_member            error     chair is not a present member
council.secretary_not_member        error     secretary is not a present member
council.method_not_allowed          error     voting method not allowed by the pack
council.vote_missing                error     nominee without a vote row in the minutes
council.vote_duplicate              error     two vote rows for one nominee
council.vote_unknown_nominee        error     vote row for an id that is not a nominee
council.votes_exceed_voters         error     more votes than members who could vote
council.vote_below_threshold        error     fewer votes for than the pack's threshold
council.meeting_date                warning   meeting after the proposal or the upload window
proposal.nominee_missing            error     nominee not on the proposal's list
proposal.unknown_nominee            error     proposal lists an id that is not a nominee
proposal.duplicate_entry            error     proposal lists an id twice
proposal.date_after_window          warning   proposal dated after the upload window
proposal.date_before_period_end     info      proposal dated before the period ends
deadline.upload_not_open            info      today is before the upload window
deadline.upload_closed              warning   today is after the upload window
deadline.result_report_due          info      result report not sent yet, deadline ahead
deadline.result_report_late         warning   result report not sent, deadline passed
proposal.report_after_council       warning   achievement reports dated after the council
text.legacy_encoding                warning   text typed in TCVN3/VNI/VIQR (suggestion in params)
unit.kind_not_in_regime             error     unit kind does not exist under the pack's regime
                                              (a district in a two-tier dossier)
address.old_district                warning   an address or body names a level or unit that
                                              ended before the regime (huyện after 01/07/2025)
template.unconfirmed                info      documents made from templates whose source is
                                              unconfirmed (one line naming them)
round.rules_missing                 error     a Giấy khen round without period or quota
round.quota_exceeded                error     more nominees than the unit's own quota (total
                                              or one nominee kind)
round.criteria_empty                error     the unit's rules give a nominee kind no criterion
round.bonus_unconfirmed             info      the bonus coefficients' source is unconfirmed
plan.number_unknown                 warning   the pack does not know the campaign plan's number
                                              or date: the căn cứ prints a line to fill by hand
==================================  ========  ==================================================

Pydantic input errors (``parse_dossier``) get the code ``input.<pydantic error type>``,
severity error; see :data:`INPUT_TYPES` for the types with their own sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.finding import Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    severity: Severity
    document: str | None = None


_PROPOSAL = "proposal"
_LIST = "nomination_list"
_MINUTES = "council_minutes"
_REPORT = "achievement_report"

CODES: dict[str, CodeInfo] = {
    "dossier.pack_mismatch": CodeInfo("error"),
    "dossier.pack_version": CodeInfo("warning"),
    "dossier.empty": CodeInfo("error", _LIST),
    "field.required": CodeInfo("error", _LIST),
    "field.invalid_choice": CodeInfo("error", _LIST),
    "field.award_form_kind": CodeInfo("error", _LIST),
    "field.too_long": CodeInfo("error", _LIST),
    "nominee.kind_not_in_campaign": CodeInfo("error", _LIST),
    "nominee.duplicate": CodeInfo("error", _LIST),
    "nominee.duplicate_id": CodeInfo("error", _LIST),
    "criterion.missing": CodeInfo("error", _REPORT),
    "criterion.not_met": CodeInfo("error", _REPORT),
    "criterion.no_evidence": CodeInfo("warning", _REPORT),
    "criterion.figure_missing": CodeInfo("error", _REPORT),
    "criterion.figure_below": CodeInfo("error", _REPORT),
    "criterion.figure_above": CodeInfo("error", _REPORT),
    "criterion.unknown": CodeInfo("warning", _REPORT),
    "criterion.figure_unknown": CodeInfo("warning", _REPORT),
    "achievement.missing": CodeInfo("error", _REPORT),
    "achievement.no_description": CodeInfo("error", _REPORT),
    "achievement.date_missing": CodeInfo("warning", _REPORT),
    "achievement.dates_reversed": CodeInfo("error", _REPORT),
    "achievement.date_outside_period": CodeInfo("error", _REPORT),
    "achievement.date_partly_outside": CodeInfo("warning", _REPORT),
    "contribution.missing": CodeInfo("error", _REPORT),
    "contribution.date_outside_period": CodeInfo("warning", _REPORT),
    "report_form.not_allowed": CodeInfo("error", _REPORT),
    "report_form.summary_not_eligible": CodeInfo("error", _REPORT),
    "summary.missing": CodeInfo("error", "achievement_summary"),
    "quota.exceeded": CodeInfo("error", _PROPOSAL),
    "quota.no_rule": CodeInfo("warning", _PROPOSAL),
    "quota.consolidated": CodeInfo("info", _PROPOSAL),
    "routing.wrong_level": CodeInfo("error", _PROPOSAL),
    "routing.not_managed": CodeInfo("error", _PROPOSAL),
    "routing.no_rule": CodeInfo("warning", _PROPOSAL),
    "routing.via_submitter": CodeInfo("info", _PROPOSAL),
    "priority.summary": CodeInfo("info", _LIST),
    "priority.none": CodeInfo("info", _LIST),
    "council.no_members": CodeInfo("error", _MINUTES),
    "council.member_unnamed": CodeInfo("error", _MINUTES),
    "council.no_quorum": CodeInfo("error", _MINUTES),
    "council.chair_not_member": CodeInfo("error", _MINUTES),
    "council.secretary_not_member": CodeInfo("error", _MINUTES),
    "council.method_not_allowed": CodeInfo("error", _MINUTES),
    "council.vote_missing": CodeInfo("error", _MINUTES),
    "council.vote_duplicate": CodeInfo("error", _MINUTES),
    "council.vote_unknown_nominee": CodeInfo("error", _MINUTES),
    "council.votes_exceed_voters": CodeInfo("error", _MINUTES),
    "council.vote_below_threshold": CodeInfo("error", _MINUTES),
    "council.meeting_date": CodeInfo("warning", _MINUTES),
    "proposal.nominee_missing": CodeInfo("error", _PROPOSAL),
    "proposal.unknown_nominee": CodeInfo("error", _PROPOSAL),
    "proposal.duplicate_entry": CodeInfo("error", _PROPOSAL),
    "proposal.date_after_window": CodeInfo("warning", _PROPOSAL),
    "proposal.date_before_period_end": CodeInfo("info", _PROPOSAL),
    "deadline.upload_not_open": CodeInfo("info"),
    "deadline.upload_closed": CodeInfo("warning"),
    "deadline.result_report_due": CodeInfo("info", "result_report"),
    "deadline.result_report_late": CodeInfo("warning", "result_report"),
    "proposal.report_after_council": CodeInfo("warning", _PROPOSAL),
    "text.legacy_encoding": CodeInfo("warning"),
    "unit.kind_not_in_regime": CodeInfo("error"),
    "address.old_district": CodeInfo("warning"),
    "template.unconfirmed": CodeInfo("info"),
    "round.rules_missing": CodeInfo("error", "award_decision"),
    "round.quota_exceeded": CodeInfo("error", "award_list"),
    "round.criteria_empty": CodeInfo("error", "round_minutes"),
    "round.bonus_unconfirmed": CodeInfo("info", "award_decision"),
    "plan.number_unknown": CodeInfo("warning", _PROPOSAL),
}

#: Pydantic error types with a sentence of their own in ``resources/i18n/pydantic.toml``
#: (others fall back to ``pydantic.default``). Findings get the code ``input.<type>``.
INPUT_TYPES: tuple[str, ...] = (
    "missing",
    "extra_forbidden",
    "int_parsing",
    "int_type",
    "int_from_float",
    "float_parsing",
    "float_type",
    "bool_parsing",
    "bool_type",
    "string_type",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
    "greater_than_equal",
    "greater_than",
    "less_than_equal",
    "less_than",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_type",
    "datetime_parsing",
    "datetime_from_date_parsing",
    "datetime_type",
    "time_parsing",
    "time_type",
    "literal_error",
    "enum",
    "union_tag_invalid",
    "union_tag_not_found",
    "tuple_type",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "value_error",
    "too_short",
    "too_long",
    "frozen_instance",
    "finite_number",
    "date_out_of_range",
    "string_unicode",
)
