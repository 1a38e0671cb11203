package io.trackguard.ratelimit.guard;

import io.trackguard.ratelimit.ScriptCall;
import io.vertx.mutiny.redis.client.Response;
import java.util.function.Function;

/**
 * An extra script that rides in a decision's round trip (a detection counter, a flag), and
 * what its answer means. The guard reads every signal of a demand before it judges, refused or
 * not, so a counter that fires (a security event) fires even on a request that is refused.
 * The reader gets {@code null} when Redis could not be asked.
 */
public final class Signal<T> {

    private final ScriptCall call;
    private final Function<Response, T> reader;
    private T value;
    private boolean read;

    private Signal(ScriptCall call, Function<Response, T> reader) {
        this.call = call;
        this.reader = reader;
    }

    public static <T> Signal<T> of(ScriptCall call, Function<Response, T> reader) {
        return new Signal<>(call, reader);
    }

    ScriptCall call() {
        return call;
    }

    void read(Response answer) {
        value = reader.apply(answer);
        read = true;
    }

    /** What the reader made of the answer; only after the demand was admitted. */
    public T value() {
        if (!read) {
            throw new IllegalStateException("the signal is read when its demand is admitted");
        }
        return value;
    }
}
