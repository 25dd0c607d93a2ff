package dev.dextrace.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shard recipes in docs/sharding parse, and their shard counts and commands agree with README's "Shards". */
class ShardRecipesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String readme() throws Exception {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void theGitHubActionsWorkflowRunsAMatrixOfShardsAndAMergeJob() throws Exception {
        JsonNode wf = YAML.readTree(ROOT.resolve("docs/sharding/github-actions.yml").toFile());
        JsonNode shards = wf.at("/jobs/shard/strategy/matrix/shard");
        int n = shards.size();
        assertTrue(n >= 2, "a matrix of shards");
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, shards.get(i).asInt(), "shards 1..n");
        }
        String run = runOf(wf.at("/jobs/shard/steps"), "-Ddextrace.shard=");
        assertTrue(run.contains("-Ddextrace.shard=${{ matrix.shard }}/" + n), run);
        assertTrue(readme().contains(run.replace(" -Ddextrace.budget=tough", "").replace("${{ matrix.shard }}", "2")), "README shows the shard command");
        assertEquals("shard", wf.at("/jobs/merge/needs").asText());
        String merge = runOf(wf.at("/jobs/merge/steps"), "-Ddextrace.shards=");
        assertTrue(readme().contains(merge), "README shows the merge command: " + merge);
    }

    @Test
    void theKubernetesIndexedJobRunsOnePodPerShardAndAMergeJob() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser p = new YAMLFactory().createParser(ROOT.resolve("docs/sharding/k8s-indexed-job.yaml").toFile())) {
            YAML.readValues(p, JsonNode.class).forEachRemaining(docs::add);
        }
        assertEquals(2, docs.size(), "the campaign Job and the merge Job");
        JsonNode campaign = docs.get(0).get("spec");
        assertEquals("Indexed", campaign.get("completionMode").asText());
        int n = campaign.get("completions").asInt();
        assertEquals(n, campaign.get("parallelism").asInt(), "every shard at once");
        String args = campaign.at("/template/spec/containers/0/args/0").asText();
        assertTrue(args.contains("-Ddextrace.shard=$((JOB_COMPLETION_INDEX + 1))/" + n), args);
        String merge = docs.get(1).at("/spec/template/spec/containers/0/args/0").asText();
        assertTrue(merge.contains("-Pcampaign verify -Ddextrace.shards=/shards"), merge);
        assertEquals(3, n, "the same shard count as the GitHub workflow and README's example");
    }

    private static String runOf(JsonNode steps, String containing) {
        for (JsonNode s : steps) {
            if (s.has("run") && s.get("run").asText().contains(containing)) {
                return s.get("run").asText().strip();
            }
        }
        throw new AssertionError("no step runs " + containing);
    }
}
