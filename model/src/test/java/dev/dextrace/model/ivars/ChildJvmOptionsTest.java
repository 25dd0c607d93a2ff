package dev.dextrace.model.ivars;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child JVM started with {@link Ivars#childJvmOptions()} has the instrumentation from its start: nothing to attach. */
class ChildJvmOptionsTest {
    /** Exits 0 when the agent was loaded at start-up (getInstrumentation throws when nothing installed it). */
    public static void main(String[] args) {
        try {
            ByteBuddyAgent.getInstrumentation();
            System.exit(0);
        } catch (IllegalStateException notInstalled) {
            System.exit(5);
        }
    }

    @Test
    void theAgentIsLoadedAtStartUp() throws Exception {
        List<String> options = Ivars.childJvmOptions();
        assertTrue(options.contains(Ivars.ATTACH_SELF), "the fallback stays");
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-javaagent:") && o.endsWith(".jar")),
                "Byte Buddy's agent comes from a jar on this class path: " + options);
        assertEquals(0, child(options), "with the options the instrumentation is there at once");
        assertEquals(5, child(List.of()), "without them nothing installs it (the check can fail)");
    }

    private static int child(List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildJvmOptionsTest.class.getName()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        return p.exitValue();
    }
}
