package dev.sextant.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ExperimentTag;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.Page;
import org.mlflow.tracking.RunsPage;

/**
 * Drives the official org.mlflow:mlflow-client against a tracking server and checks that
 * everything it wrote reads back unchanged.
 *
 * <p>Usage: {@code java -jar sextant-java-conformance.jar [TRACKING_URI]} (defaults to
 * {@code $MLFLOW_TRACKING_URI}). Prints {@code ok N - <check>} per verified check. On the first
 * mismatch it prints {@code FAIL: ...} and exits 1; a usage error exits 2.
 */
public final class JavaClientConformance {

  /** 9999-12-31T23:59:59.999Z: well past 2^32 ms, still below 2^53 (exact as a JS number). */
  static final long LARGE_TIMESTAMP = 253_402_300_799_999L;
  /** A step past 2^32, to catch int32 truncation. */
  static final long LARGE_STEP = 10_000_000_000L;

  private static final class CheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailed(String message) {
      super(message);
    }
  }

  private final MlflowClient client;
  private int passed = 0;
  private String stage = "start";

  private JavaClientConformance(MlflowClient client) {
    this.client = client;
  }

  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : System.getenv("MLFLOW_TRACKING_URI");
    if (uri == null || uri.isBlank()) {
      System.err.println("usage: java -jar sextant-java-conformance.jar TRACKING_URI"
          + " (or set MLFLOW_TRACKING_URI)");
      System.exit(2);
    }
    System.out.println("# mlflow-client conformance against " + uri);
    long t0 = System.nanoTime();
    JavaClientConformance suite = null;
    int code;
    try (MlflowClient client = new MlflowClient(uri)) {
      suite = new JavaClientConformance(client);
      suite.run();
      System.out.printf("# all %d checks passed in %d ms%n", suite.passed,
          (System.nanoTime() - t0) / 1_000_000);
      code = 0;
    } catch (CheckFailed e) {
      System.out.println("FAIL: [" + suite.stage + "] " + e.getMessage());
      System.out.println("# " + suite.passed + " checks passed before the failure");
      code = 1;
    } catch (MlflowHttpException e) {
      String stage = suite == null ? "start" : suite.stage;
      System.out.println("FAIL: [" + stage + "] unexpected HTTP " + e.getStatusCode() + " "
          + e.getReasonPhrase() + ": " + e.getBodyMessage());
      e.printStackTrace(System.out);
      code = 1;
    } catch (RuntimeException e) {
      String stage = suite == null ? "start" : suite.stage;
      System.out.println("FAIL: [" + stage + "] unexpected " + e);
      e.printStackTrace(System.out);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }

  // ---------------------------------------------------------------------------------------------
  // The scenario

  private void run() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String expName = "java-conformance-" + suffix;
    long before = System.currentTimeMillis();

    // --- experiments ---------------------------------------------------------------------------
    stage("createExperiment");
    String expId = client.createExperiment(expName);
    check(expId != null && !expId.isEmpty(), "createExperiment returns an id", "got " + expId);

    stage("getExperiment");
    Experiment exp = client.getExperiment(expId);
    eq(expId, exp.getExperimentId(), "getExperiment: experiment_id");
    eq(expName, exp.getName(), "getExperiment: name");
    eq("active", exp.getLifecycleStage(), "getExperiment: lifecycle_stage");
    check(!exp.getArtifactLocation().isEmpty(), "getExperiment: artifact_location is set ("
        + exp.getArtifactLocation() + ")", "empty");
    long now = System.currentTimeMillis();
    check(exp.getCreationTime() >= before - 60_000 && exp.getCreationTime() <= now + 60_000,
        "getExperiment: creation_time is about now (" + exp.getCreationTime() + ")",
        "creation_time " + exp.getCreationTime() + " not within a minute of [" + before + ", "
            + now + "]");

    stage("getExperimentByName");
    Optional<Experiment> byName = client.getExperimentByName(expName);
    check(byName.isPresent(), "getExperimentByName finds the experiment", "Optional.empty");
    eq(expId, byName.get().getExperimentId(), "getExperimentByName: experiment_id");
    eq(expName, byName.get().getName(), "getExperimentByName: name");
    Optional<Experiment> noSuch = client.getExperimentByName(expName + "-does-not-exist");
    check(noSuch.isEmpty(), "getExperimentByName of an unknown name is empty (404)",
        "got " + noSuch);

    stage("setExperimentTag");
    client.setExperimentTag(expId, "owner", "sextant-conformance");
    Map<String, String> expTags = expTags(client.getExperiment(expId));
    eq("sextant-conformance", expTags.get("owner"), "getExperiment: tags.owner");

    stage("searchExperiments");
    ExperimentsPage expPage = client.searchExperiments("name = '" + expName + "'");
    eq(List.of(expId), expIds(expPage.getItems()), "searchExperiments(name = ...): ids");

    // --- runs ----------------------------------------------------------------------------------
    stage("createRun");
    long startTime = System.currentTimeMillis();
    CreateRun createRun = CreateRun.newBuilder()
        .setExperimentId(expId)
        .setStartTime(startTime)
        .setRunName("java-run-1")
        .addTags(RunTag.newBuilder().setKey("source").setValue("java-conformance"))
        .build();
    RunInfo info = client.createRun(createRun);
    String runId = info.getRunId();
    check(!runId.isEmpty(), "createRun returns a run_id (" + runId + ")", "empty run_id");
    eq(runId, info.getRunUuid(), "createRun: run_uuid mirrors run_id");
    eq(expId, info.getExperimentId(), "createRun: experiment_id");
    eq("java-run-1", info.getRunName(), "createRun: run_name");
    eq(RunStatus.RUNNING, info.getStatus(), "createRun: status");
    eq(startTime, info.getStartTime(), "createRun: start_time");
    eq("active", info.getLifecycleStage(), "createRun: lifecycle_stage");
    check(!info.getArtifactUri().isEmpty(),
        "createRun: artifact_uri is set (" + info.getArtifactUri() + ")", "empty");

    // The convenience overload: start_time = now, user_id = user.name.
    RunInfo info2 = client.createRun(expId);
    String run2Id = info2.getRunId();
    check(!run2Id.isEmpty() && !run2Id.equals(runId), "createRun(experimentId) returns a new run",
        "got " + run2Id);
    eq(RunStatus.RUNNING, info2.getStatus(), "createRun(experimentId): status");
    eq(System.getProperty("user.name"), info2.getUserId(), "createRun(experimentId): user_id");

    stage("logParam");
    String unicode = "naïve – 日本語 ✓";
    client.logParam(runId, "lr", "0.1");
    client.logParam(runId, "optimizer", "adam");
    client.logParam(runId, "unicode", unicode);
    client.logParam(run2Id, "lr", "0.2");
    ok("logParam x4");

    stage("logMetric");
    double[] loss = {1.5, 0.75, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.25};
    for (int step = 0; step < loss.length; step++) {
      client.logMetric(runId, "loss", loss[step], startTime + 1000L * step, step);
    }
    client.logMetric(runId, "nan_last", 1.0, startTime, 0);
    client.logMetric(runId, "nan_last", Double.NaN, startTime + 1, 1);
    client.logMetric(runId, "big", 42.5, LARGE_TIMESTAMP, LARGE_STEP);
    long simpleBefore = System.currentTimeMillis();
    client.logMetric(runId, "simple", 3.0);
    long simpleAfter = System.currentTimeMillis();
    client.logMetric(run2Id, "acc", 0.25, startTime, 0);
    ok("logMetric x" + (loss.length + 5) + " (NaN, +/-Infinity, timestamp " + LARGE_TIMESTAMP
        + ", step " + LARGE_STEP + ")");

    stage("setTag/deleteTag");
    client.setTag(runId, "team", "conformance");
    client.setTag(runId, "scratch", "to be deleted");
    client.deleteTag(runId, "scratch");
    ok("setTag x2, deleteTag x1");

    stage("logBatch");
    List<Metric> batchMetrics = List.of(
        metric("acc", 0.5, startTime + 10, 0),
        metric("acc", 0.875, startTime + 20, 1));
    List<Param> batchParams = List.of(param("batch_size", "32"), param("epochs", "10"));
    List<RunTag> batchTags = List.of(tag("batch.tag", "yes"));
    client.logBatch(runId, batchMetrics, batchParams, batchTags);
    ok("logBatch: 2 metrics, 2 params, 1 tag");

    stage("setTerminated");
    long endTime = startTime + 60_000;
    client.setTerminated(runId, RunStatus.FINISHED, endTime);
    ok("setTerminated(FINISHED, end_time " + endTime + ")");

    // --- read back -----------------------------------------------------------------------------
    stage("getRun");
    Run run = client.getRun(runId);
    RunInfo ri = run.getInfo();
    eq(runId, ri.getRunId(), "getRun: run_id");
    eq(runId, ri.getRunUuid(), "getRun: run_uuid");
    eq(expId, ri.getExperimentId(), "getRun: experiment_id");
    eq("java-run-1", ri.getRunName(), "getRun: run_name");
    eq(RunStatus.FINISHED, ri.getStatus(), "getRun: status");
    eq(startTime, ri.getStartTime(), "getRun: start_time");
    eq(endTime, ri.getEndTime(), "getRun: end_time");
    eq("active", ri.getLifecycleStage(), "getRun: lifecycle_stage");

    Map<String, String> expectedParams = new TreeMap<>(Map.of(
        "lr", "0.1", "optimizer", "adam", "unicode", unicode,
        "batch_size", "32", "epochs", "10"));
    eq(expectedParams, params(run), "getRun: params");

    Map<String, String> tags = tags(run);
    eq("conformance", tags.get("team"), "getRun: tags.team");
    eq("yes", tags.get("batch.tag"), "getRun: tags.batch.tag (logBatch)");
    eq("java-conformance", tags.get("source"), "getRun: tags.source (createRun tags)");
    eq("java-run-1", tags.get("mlflow.runName"), "getRun: tags.mlflow.runName");
    check(!tags.containsKey("scratch"), "getRun: deleted tag is gone", "tags: " + tags);

    Map<String, Metric> latest = new TreeMap<>();
    for (Metric m : run.getData().getMetricsList()) {
      latest.put(m.getKey(), m);
    }
    eq(List.of("acc", "big", "loss", "nan_last", "simple"), new ArrayList<>(latest.keySet()),
        "getRun: metric keys");
    expectMetric(latest.get("loss"), "loss", 0.25, startTime + 5000, 5, "getRun: latest loss");
    expectMetric(latest.get("nan_last"), "nan_last", Double.NaN, startTime + 1, 1,
        "getRun: latest nan_last");
    expectMetric(latest.get("big"), "big", 42.5, LARGE_TIMESTAMP, LARGE_STEP, "getRun: latest big");
    expectMetric(latest.get("acc"), "acc", 0.875, startTime + 20, 1, "getRun: latest acc");
    Metric simple = latest.get("simple");
    eq(3.0, simple.getValue(), "getRun: latest simple value");
    eq(0L, simple.getStep(), "getRun: latest simple step (default 0)");
    check(simple.getTimestamp() >= simpleBefore && simple.getTimestamp() <= simpleAfter,
        "getRun: latest simple timestamp is the client's clock (" + simple.getTimestamp() + ")",
        "timestamp " + simple.getTimestamp() + " not in [" + simpleBefore + ", " + simpleAfter + "]");

    stage("getMetricHistory");
    List<Metric> history = sortedByStep(client.getMetricHistory(runId, "loss"));
    eq(loss.length, history.size(), "getMetricHistory(loss): count");
    for (int step = 0; step < loss.length; step++) {
      expectMetric(history.get(step), "loss", loss[step], startTime + 1000L * step, step,
          "getMetricHistory(loss)[step " + step + "]");
    }
    List<Metric> bigHistory = client.getMetricHistory(runId, "big");
    eq(1, bigHistory.size(), "getMetricHistory(big): count");
    expectMetric(bigHistory.get(0), "big", 42.5, LARGE_TIMESTAMP, LARGE_STEP,
        "getMetricHistory(big)[0]");
    List<Metric> accHistory = sortedByStep(client.getMetricHistory(runId, "acc"));
    eq(2, accHistory.size(), "getMetricHistory(acc): count");
    expectMetric(accHistory.get(0), "acc", 0.5, startTime + 10, 0, "getMetricHistory(acc)[0]");
    expectMetric(accHistory.get(1), "acc", 0.875, startTime + 20, 1, "getMetricHistory(acc)[1]");
    List<Metric> none = client.getMetricHistory(runId, "never-logged");
    eq(0, none.size(), "getMetricHistory(never-logged): empty");

    // --- search --------------------------------------------------------------------------------
    stage("searchRuns");
    List<String> exps = List.of(expId);
    @SuppressWarnings("deprecation")
    List<RunInfo> byLr = client.searchRuns(exps, "params.lr = '0.1'");
    eq(List.of(runId), byLr.stream().map(RunInfo::getRunId).collect(Collectors.toList()),
        "searchRuns(params.lr = '0.1')");

    RunsPage lr2 = client.searchRuns(exps, "params.lr = '0.2'", ViewType.ACTIVE_ONLY, 10);
    eq(List.of(run2Id), runIds(lr2.getItems()), "searchRuns(params.lr = '0.2')");
    eq(Map.of("lr", "0.2"), params(lr2.getItems().get(0)), "searchRuns(params.lr = '0.2'): params");

    RunsPage accHigh = client.searchRuns(exps, "metrics.acc > 0.5", ViewType.ACTIVE_ONLY, 10);
    eq(List.of(runId), runIds(accHigh.getItems()), "searchRuns(metrics.acc > 0.5)");
    Run found = accHigh.getItems().get(0);
    eq(expectedParams, params(found), "searchRuns(metrics.acc > 0.5): params");
    eq("conformance", tags(found).get("team"), "searchRuns(metrics.acc > 0.5): tags.team");

    RunsPage byTag = client.searchRuns(exps, "tags.team = 'conformance'", ViewType.ACTIVE_ONLY, 10);
    eq(List.of(runId), runIds(byTag.getItems()), "searchRuns(tags.team = 'conformance')");

    RunsPage finished =
        client.searchRuns(exps, "attributes.status = 'FINISHED'", ViewType.ACTIVE_ONLY, 10);
    eq(List.of(runId), runIds(finished.getItems()), "searchRuns(attributes.status = 'FINISHED')");

    RunsPage ordered = client.searchRuns(exps, null, ViewType.ACTIVE_ONLY, 10,
        List.of("params.lr DESC"));
    eq(List.of(run2Id, runId), runIds(ordered.getItems()), "searchRuns(order_by params.lr DESC)");

    RunsPage page1 = client.searchRuns(exps, null, ViewType.ACTIVE_ONLY, 1,
        List.of("params.lr ASC"));
    eq(List.of(runId), runIds(page1.getItems()), "searchRuns(max_results 1): page 1");
    check(page1.hasNextPage(), "searchRuns(max_results 1): page 1 has a next_page_token",
        "no next_page_token");
    Page<Run> page2 = page1.getNextPage();
    eq(List.of(run2Id), runIds(page2.getItems()), "searchRuns(max_results 1): page 2");
    if (page2.hasNextPage()) {
      // A server may hand out one more token; the page behind it must then be empty.
      eq(List.of(), runIds(page2.getNextPage().getItems()), "searchRuns(max_results 1): page 3");
    } else {
      ok("searchRuns(max_results 1): page 2 is the last");
    }

    // --- delete / restore a run ----------------------------------------------------------------
    stage("deleteRun/restoreRun");
    client.deleteRun(run2Id);
    eq("deleted", client.getRun(run2Id).getInfo().getLifecycleStage(),
        "deleteRun: lifecycle_stage");
    eq(List.of(runId), runIds(client.searchRuns(exps, null, ViewType.ACTIVE_ONLY, 10).getItems()),
        "searchRuns(ACTIVE_ONLY) after deleteRun");
    eq(List.of(run2Id),
        runIds(client.searchRuns(exps, null, ViewType.DELETED_ONLY, 10).getItems()),
        "searchRuns(DELETED_ONLY) after deleteRun");
    client.restoreRun(run2Id);
    eq("active", client.getRun(run2Id).getInfo().getLifecycleStage(),
        "restoreRun: lifecycle_stage");

    // --- errors --------------------------------------------------------------------------------
    stage("errors");
    String missingRun = UUID.randomUUID().toString().replace("-", "");
    expectNotFound(() -> client.getRun(missingRun), "getRun(unknown run id)");
    // The reference server answers an empty history here; a 404 is as good for a client.
    try {
      List<Metric> ghost = client.getMetricHistory(missingRun, "loss");
      eq(0, ghost.size(), "getMetricHistory(unknown run id): empty");
    } catch (MlflowHttpException e) {
      eq(404, e.getStatusCode(), "getMetricHistory(unknown run id): HTTP status");
    }
    expectNotFound(() -> client.getExperiment("987654321"), "getExperiment(unknown id)");

    // --- rename / delete the experiment --------------------------------------------------------
    stage("renameExperiment");
    String newName = expName + "-renamed";
    client.renameExperiment(expId, newName);
    eq(newName, client.getExperiment(expId).getName(),
        "renameExperiment: getExperiment name");
    Optional<Experiment> renamed = client.getExperimentByName(newName);
    check(renamed.isPresent(), "getExperimentByName(new name) finds it", "Optional.empty");
    eq(expId, renamed.get().getExperimentId(), "getExperimentByName(new name): experiment_id");
    check(client.getExperimentByName(expName).isEmpty(),
        "getExperimentByName(old name) is empty", "old name still resolves");

    stage("deleteExperiment");
    client.deleteExperiment(expId);
    eq("deleted", client.getExperiment(expId).getLifecycleStage(),
        "deleteExperiment: lifecycle_stage");
    String nameFilter = "name = '" + newName + "'";
    eq(List.of(),
        expIds(client.searchExperiments(nameFilter, ViewType.ACTIVE_ONLY, 10, List.of())
            .getItems()),
        "searchExperiments(ACTIVE_ONLY) after delete");
    eq(List.of(expId),
        expIds(client.searchExperiments(nameFilter, ViewType.DELETED_ONLY, 10, List.of())
            .getItems()),
        "searchExperiments(DELETED_ONLY) after delete");

    stage("restoreExperiment");
    client.restoreExperiment(expId);
    eq("active", client.getExperiment(expId).getLifecycleStage(),
        "restoreExperiment: lifecycle_stage");
    client.deleteExperiment(expId);
    eq("deleted", client.getExperiment(expId).getLifecycleStage(),
        "deleteExperiment again: lifecycle_stage");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private void stage(String name) {
    stage = name;
  }

  private void ok(String what) {
    passed++;
    System.out.println("ok " + passed + " - " + what);
  }

  private void check(boolean condition, String what, String detail) {
    if (!condition) {
      throw new CheckFailed(what + ": " + detail);
    }
    ok(what);
  }

  private void eq(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new CheckFailed(what + ": expected <" + expected + "> but got <" + actual + ">");
    }
    ok(what + " = " + actual);
  }

  /**
   * Compares a metric value. NaN must read back as NaN. The reference server's SQL store keeps
   * +/-Infinity as +/-Double.MAX_VALUE, so for infinities either form is accepted (and named).
   */
  private void expectValue(double expected, double actual, String what) {
    if (Double.compare(expected, actual) == 0) {
      ok(what + " = " + actual);
      return;
    }
    if (expected == Double.POSITIVE_INFINITY && actual == Double.MAX_VALUE
        || expected == Double.NEGATIVE_INFINITY && actual == -Double.MAX_VALUE) {
      ok(what + " = " + actual + " (" + expected + " stored as +/-Double.MAX_VALUE)");
      return;
    }
    throw new CheckFailed(what + ": expected <" + expected + "> but got <" + actual + ">");
  }

  private void expectMetric(Metric m, String key, double value, long timestamp, long step,
      String what) {
    if (m == null) {
      throw new CheckFailed(what + ": metric missing");
    }
    eq(key, m.getKey(), what + " key");
    expectValue(value, m.getValue(), what + " value");
    eq(timestamp, m.getTimestamp(), what + " timestamp");
    eq(step, m.getStep(), what + " step");
  }

  private void expectNotFound(Runnable call, String what) {
    try {
      call.run();
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() != 404) {
        throw new CheckFailed(what + ": expected HTTP 404 but got " + e.getStatusCode() + ": "
            + e.getBodyMessage());
      }
      String body = String.valueOf(e.getBodyMessage());
      if (!body.contains("RESOURCE_DOES_NOT_EXIST")) {
        throw new CheckFailed(what + ": 404 body lacks error_code RESOURCE_DOES_NOT_EXIST: "
            + body);
      }
      ok(what + " -> MlflowHttpException 404 RESOURCE_DOES_NOT_EXIST");
      return;
    }
    throw new CheckFailed(what + ": expected MlflowHttpException 404 but the call succeeded");
  }

  private static Metric metric(String key, double value, long timestamp, long step) {
    return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step)
        .build();
  }

  private static Param param(String key, String value) {
    return Param.newBuilder().setKey(key).setValue(value).build();
  }

  private static RunTag tag(String key, String value) {
    return RunTag.newBuilder().setKey(key).setValue(value).build();
  }

  private static Map<String, String> params(Run run) {
    Map<String, String> out = new TreeMap<>();
    for (Param p : run.getData().getParamsList()) {
      out.put(p.getKey(), p.getValue());
    }
    return out;
  }

  private static Map<String, String> tags(Run run) {
    Map<String, String> out = new HashMap<>();
    for (RunTag t : run.getData().getTagsList()) {
      out.put(t.getKey(), t.getValue());
    }
    return out;
  }

  private static Map<String, String> expTags(Experiment exp) {
    Map<String, String> out = new HashMap<>();
    for (ExperimentTag t : exp.getTagsList()) {
      out.put(t.getKey(), t.getValue());
    }
    return out;
  }

  private static List<String> runIds(Iterable<Run> runs) {
    List<String> out = new ArrayList<>();
    runs.forEach(r -> out.add(r.getInfo().getRunId()));
    return out;
  }

  private static List<String> expIds(Iterable<Experiment> exps) {
    List<String> out = new ArrayList<>();
    exps.forEach(e -> out.add(e.getExperimentId()));
    return out;
  }

  private static List<Metric> sortedByStep(List<Metric> metrics) {
    List<Metric> out = new ArrayList<>(metrics);
    out.sort(Comparator.comparingLong(Metric::getStep).thenComparingLong(Metric::getTimestamp));
    return out;
  }
}
