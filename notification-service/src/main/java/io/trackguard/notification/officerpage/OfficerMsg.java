package io.trackguard.notification.officerpage;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The officers' page in English; French in messages/officer_fr.properties. Names of enum values end in the value. */
@MessageBundle(value = "officer", locale = "en")
public interface OfficerMsg {

    @Message("Trackguard privacy officers")
    String app_name();

    @Message("en")
    String lang();

    @Message("Français")
    String other_language();

    @Message("fr")
    String other_lang();

    @Message("Skip to content")
    String skip();

    @Message("Sign out")
    String sign_out();

    @Message("Signed in as {name}")
    String signed_in_as(String name);

    @Message("Incidents")
    String list_title();

    @Message("Suspected breaches, newest first. Open one to see its timeline, its scope, the assessment, the 72-hour clock and the notices.")
    String list_intro();

    @Message("Filter")
    String filters();

    @Message("Status")
    String filter_status();

    @Message("Kind")
    String filter_kind();

    @Message("Partner")
    String filter_partner();

    @Message("A partner id, for example ocs.")
    String filter_partner_help();

    @Message("Any")
    String filter_any();

    @Message("Show")
    String filter_button();

    @Message("This filter is not valid: {what}. All incidents are shown instead.")
    String filter_invalid(String what);

    @Message("{total} incident(s)")
    String count(String total);

    @Message("No incident matches.")
    String none();

    @Message("Opened")
    String col_opened();

    @Message("Incident")
    String col_incident();

    @Message("Status")
    String col_status();

    @Message("People affected")
    String col_people();

    @Message("Risk")
    String col_risk();

    @Message("Regulator deadline")
    String col_deadline();

    @Message("{kind}, opened {when}")
    String open_incident(String kind, String when);

    @Message("Previous page")
    String previous();

    @Message("Next page")
    String next();

    @Message("Page {page} of {pages}")
    String page_of(String page, String pages);

    @Message("Incident of {when}")
    String incident_title(String when);

    @Message("All incidents")
    String back();

    @Message("Summary")
    String summary();

    @Message("Kind")
    String kind();

    @Message("Status")
    String status();

    @Message("Raised by")
    String origin();

    @Message("Period")
    String window();

    @Message("{from} to {to}")
    String window_value(String from, String to);

    @Message("Actor (pseudonym)")
    String actor();

    @Message("Partner")
    String partner();

    @Message("What happened")
    String description();

    @Message("Evidence")
    String evidence();

    @Message("Detection counted {distinct} distinct numbers, {misses} misses, {failed} failed verifications.")
    String signals(String distinct, String misses, String failed);

    @Message("Blocked until {when}.")
    String blocked_until(String when);

    @Message("The 72-hour clock (GDPR Art. 33)")
    String clock_title();

    @Message("Aware since")
    String aware_at();

    @Message("Report due by")
    String deadline();

    @Message("{hours} h {minutes} min left")
    String time_left(String hours, String minutes);

    @Message("The deadline passed {hours} h {minutes} min ago: the report must give the reasons for the delay.")
    String time_over(String hours, String minutes);

    @Message("Escalated on {when}.")
    String escalated(String when);

    @Message("Report sent on {when} (reference {ref}).")
    String reported(String when, String ref);

    @Message("Time used of the 72 hours")
    String clock_chart();

    @Message("{used} % of the 72 hours used.")
    String clock_desc(String used);

    @Message("Scope")
    String scope_title();

    @Message("Shipments exposed")
    String scope_shipments();

    @Message("People affected")
    String scope_people();

    @Message("Scope")
    String scope_state();

    @Message("read from the access audit log")
    String scope_current();

    @Message("being read")
    String scope_pending();

    @Message("could not be read yet: {problem}")
    String scope_problem(String problem);

    @Message("Partners whose customers are in scope")
    String partners_caption();

    @Message("Partner")
    String col_partner();

    @Message("Sensitive")
    String col_sensitive();

    @Message("Shipments")
    String col_shipments();

    @Message("yes")
    String yes();

    @Message("no")
    String no();

    @Message("Lookups over time")
    String lookups_title();

    @Message("{accesses} lookup(s) of {shipments} shipment(s) between {from} and {to}, per {bucket}; the most in one {bucket}: {peak}.")
    String lookups_desc(String accesses, String shipments, String from, String to, String bucket, String peak);

    @Message("No lookup is in the scope (yet).")
    String lookups_none();

    @Message("minute")
    String bucket_minute();

    @Message("hour")
    String bucket_hour();

    @Message("Assessment")
    String assessment_title();

    @Message("Sensitivity")
    String sensitivity();

    @Message("Probability of misuse")
    String probability();

    @Message("Risk")
    String risk();

    @Message("Decision")
    String decision();

    @Message("Decided by {who} on {when}: {reason}")
    String decided_by(String who, String when, String reason);

    @Message("Reasons (as recorded, in English)")
    String reasons();

    @Message("Not assessed yet.")
    String not_assessed();

    @Message("Notices")
    String notices_title();

    @Message("No notice yet.")
    String notices_none();

    @Message("Notices by channel: queued, sent, failed, held.")
    String notices_desc();

    @Message("Channel")
    String col_channel();

    @Message("Queued")
    String col_queued();

    @Message("Sent")
    String col_sent();

    @Message("Failed")
    String col_failed();

    @Message("Held for an officer")
    String col_held();

    @Message("Cancelled")
    String col_cancelled();

    @Message("People")
    String channel_PERSON();

    @Message("Partners")
    String channel_PARTNER();

    @Message("Officers")
    String channel_OFFICERS();

    @Message("The regulator report (printable page)")
    String report_link();

    @Message("Timeline")
    String timeline_title();

    @Message("When")
    String col_when();

    @Message("Who or which rule")
    String col_who();

    @Message("What")
    String col_what();

    @Message("Why (as recorded, in English)")
    String col_why();

    @Message("Incident not found")
    String not_found_title();

    @Message("No incident has this id.")
    String not_found_text();

    @Message("unknown")
    String unknown();

    @Message("Detected")
    String status_DETECTED();

    @Message("Scoping")
    String status_SCOPING();

    @Message("Assessed")
    String status_ASSESSED();

    @Message("Notifying")
    String status_NOTIFYING();

    @Message("Notified")
    String status_NOTIFIED();

    @Message("Closed")
    String status_CLOSED();

    @Message("Enumeration")
    String kind_ENUMERATION();

    @Message("Distributed scraping")
    String kind_DISTRIBUTED_SCRAPING();

    @Message("Surge of misses")
    String kind_MISSES_SURGE();

    @Message("Unauthorised access")
    String kind_UNAUTHORISED_ACCESS();

    @Message("Other")
    String kind_OTHER();

    @Message("automated detection")
    String origin_STREAM();

    @Message("a privacy officer")
    String origin_MANUAL();

    @Message("Waits for an officer")
    String decision_PENDING();

    @Message("People are told")
    String decision_NOTIFY();

    @Message("No notice to people")
    String decision_NO_NOTICE();

    @Message("high")
    String level_HIGH();

    @Message("medium")
    String level_MEDIUM();

    @Message("none")
    String level_NONE();

    @Message("unknown")
    String level_UNKNOWN();

    @Message("Opened")
    String what_OPENED();

    @Message("New evidence")
    String what_EVIDENCE();

    @Message("Status changed")
    String what_TRANSITION();

    @Message("Scope")
    String what_SCOPE();

    @Message("Assessment")
    String what_ASSESSMENT();

    @Message("Decision")
    String what_DECISION();

    @Message("Override")
    String what_OVERRIDE();

    @Message("Escalation")
    String what_ESCALATION();

    @Message("Notices")
    String what_NOTICE();

    @Message("Report")
    String what_REPORT();

    @Message("Closed")
    String what_CLOSED();
}
