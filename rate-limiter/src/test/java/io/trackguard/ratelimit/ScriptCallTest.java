package io.trackguard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A script runs on one Redis Cluster slot: its keys must share a hash tag, found by Redis' own rule. */
class ScriptCallTest {

    private static final ScriptCall.Script SCRIPT = ScriptCall.Script.of("return 1");

    @Test
    void theHashTagIsWhatRedisHashes() {
        assertEquals("lookups:s", ScriptCall.hashTag("tg:rl:{lookups:s}"));
        assertEquals("a", ScriptCall.hashTag("x{a}y{b}"), "the first tag counts");
        assertEquals("x{}y{b}", ScriptCall.hashTag("x{}y{b}"), "an empty tag: the whole key");
        assertEquals("plain", ScriptCall.hashTag("plain"));
        assertEquals("x{open", ScriptCall.hashTag("x{open"));
    }

    @Test
    void keysOfOneCallMustShareATag() {
        assertEquals("ip:1", new ScriptCall(SCRIPT, List.of("p:{ip:1}:a", "p:{ip:1}:b"), List.of()).slotTag());
        assertThrows(IllegalArgumentException.class, () -> new ScriptCall(SCRIPT, List.of("p:{ip:1}:a", "p:{ip:2}:b"), List.of()));
        assertEquals("", new ScriptCall(SCRIPT, List.of(), List.of()).slotTag());
    }
}
