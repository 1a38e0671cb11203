package io.trackguard.tracking.recipient;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** What "who looked" says to the recipient, for the page and the API; French in messages/notice_fr.properties. */
@MessageBundle(value = "notice", locale = "en")
public interface RecipientNotices {

    @Message("Someone tried {count} times to prove they are the recipient of this parcel, and failed: they saw no delivery "
            + "details. If that was not you, share your tracking number only with people you trust. If the postal code check "
            + "gets locked, the one-time link in your shipping email or notice still lets you in, and the sender can send you a new one.")
    String failed_attempts(int count);
}
