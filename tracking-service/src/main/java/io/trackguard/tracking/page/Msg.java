package io.trackguard.tracking.page;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The page's words in English; French in messages/msg_fr.properties. */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Trackguard")
    String app_name();

    @Message("en")
    String lang();

    @Message("Français")
    String other_language();

    @Message("fr")
    String other_lang();

    @Message("Skip to content")
    String skip();

    @Message("Track a parcel")
    String home_title();

    @Message("Enter the tracking number from your shipping notice. It has 18 characters, for example K7M2QX-9TPA4R-WH3N8E.")
    String home_intro();

    @Message("Tracking number")
    String number_label();

    @Message("Capital or small letters, with or without spaces or dashes.")
    String number_help();

    @Message("Track")
    String track_button();

    @Message("Invalid tracking number")
    String malformed_title();

    @Message("This is not a tracking number. A tracking number has 18 characters: digits 2 to 9 and letters other than I, L and O.")
    String malformed_text();

    @Message("Check the tracking number")
    String mistyped_title();

    @Message("This number has a typo: one character is probably wrong, or two are swapped. Please check it against your notice.")
    String mistyped_text();

    @Message("Parcel not found")
    String notfound_title();

    @Message("No parcel has this tracking number. Check the number on your notice.")
    String notfound_text();

    @Message("Please wait")
    String limited_title();

    @Message("Too many requests came from your connection. Try again in {seconds} seconds.")
    String limited_text(long seconds);

    @Message("Parcel {number}")
    String status_title(String number);

    @Message("Status")
    String status_label();

    @Message("Expected delivery")
    String expected_label();

    @Message("Delivered on")
    String delivered_on_label();

    @Message("Delivered at")
    String delivered_at_label();

    @Message("Destination")
    String destination_label();

    @Message("Sender")
    String sender_label();

    @Message("Journey")
    String timeline_label();

    @Message("When")
    String when_label();

    @Message("What")
    String what_label();

    @Message("Where")
    String where_label();

    @Message("No scans yet.")
    String no_events();

    @Message("For now only the status of this parcel can be shown here. Its recipient still sees everything after proving who they are.")
    String status_only();

    @Message("Label created")
    String status_CREATED();

    @Message("Accepted")
    String status_ACCEPTED();

    @Message("In transit")
    String status_IN_TRANSIT();

    @Message("Out for delivery")
    String status_OUT_FOR_DELIVERY();

    @Message("Delivered")
    String status_DELIVERED();

    @Message("Cancelled by the sender")
    String status_CANCELLED();

    @Message("Delivery problem")
    String status_EXCEPTION();

    @Message("Are you the recipient?")
    String verify_title();

    @Message("Enter the destination postal code to see the delivery details.")
    String verify_intro();

    @Message("Destination postal code")
    String postal_label();

    @Message("For example K1A 0B1.")
    String postal_help();

    @Message("Show delivery details")
    String verify_button();

    @Message("The postal code does not match this parcel. Check it and try again.")
    String verify_failed();

    @Message("Verification locked")
    String locked_title();

    @Message("Too many wrong postal codes were entered for this parcel, perhaps by someone else. If you are the recipient, the one-time link in your shipping email or notice still opens the delivery details now; the postal code works again in {minutes} minutes.")
    String locked_text(long minutes);

    @Message("Delivery details")
    String details_title();

    @Message("Recipient")
    String recipient_label();

    @Message("Signed by")
    String signer_label();

    @Message("Who looked at this parcel")
    String accesses_title();

    @Message("Each time someone looked up this parcel: when, and what kind of viewer. Who they are is never shown.")
    String accesses_intro();

    @Message("Viewer")
    String viewer_label();

    @Message("the recipient")
    String viewer_recipient();

    @Message("someone")
    String viewer_someone();

    @Message("the retailer")
    String viewer_retailer();

    @Message("support staff")
    String viewer_staff();

    @Message("carrier operations")
    String viewer_carrier();

    @Message("a service")
    String viewer_service();

    @Message("saw the status")
    String what_viewed_status();

    @Message("saw the delivery details")
    String what_viewed_details();

    @Message("saw the shipment")
    String what_viewed_shipment();

    @Message("proved to be the recipient with the postal code")
    String what_verified_with_postal_code();

    @Message("proved to be the recipient with a one-time link")
    String what_verified_with_link();

    @Message("tried to prove to be the recipient: wrong postal code")
    String what_wrong_postal_code();

    @Message("tried a one-time link that was already used")
    String what_used_link_again();

    @Message("made a one-time link for the recipient")
    String what_link_issued();

    @Message("Your one-time link")
    String link_title();

    @Message("This link shows the delivery details of parcel {number} once, to its recipient. It works even when the postal code check is locked.")
    String link_intro(String number);

    @Message("Please press the button once more to continue.")
    String link_retry();

    @Message("Link not valid")
    String link_invalid_title();

    @Message("This link has expired or has already been used. Enter the postal code instead.")
    String link_invalid_text();

    @Message("Service unavailable")
    String unavailable_title();

    @Message("This cannot be done right now. Please try again in a minute.")
    String unavailable_text();

    @Message("Track another parcel")
    String back_link();
}
