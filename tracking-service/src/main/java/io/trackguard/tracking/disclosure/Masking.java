package io.trackguard.tracking.disclosure;

/** How a verified recipient sees their own contact details: enough to recognise, not to copy. */
final class Masking {

    private Masking() {
    }

    /** "Jane Roe" -> "J*** R**". */
    static String name(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String word : name.trim().split("\\s+")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word.charAt(0)).append("*".repeat(Math.max(1, word.length() - 1)));
        }
        return out.toString();
    }

    /** "jane.roe@example.com" -> "j***@e***.com". */
    static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        int dot = email.lastIndexOf('.');
        if (at < 1 || dot < at) {
            return "***";
        }
        return email.charAt(0) + "***@" + email.charAt(at + 1) + "***" + email.substring(dot);
    }

    /** "+1 416 555 0100" -> "*** 00": the last two digits only. */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < 2 ? "***" : "*** " + digits.substring(digits.length() - 2);
    }
}
