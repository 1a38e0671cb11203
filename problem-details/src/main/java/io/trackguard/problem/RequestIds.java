package io.trackguard.problem;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: a caller's X-Request-Id is kept when it is harmless, otherwise a new one is made. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Where the id of the current request is kept, as a JAX-RS request property and a Vert.x context key. */
    public static final String PROPERTY = "trackguard.request-id";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String offered) {
        if (offered != null && ACCEPTED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
