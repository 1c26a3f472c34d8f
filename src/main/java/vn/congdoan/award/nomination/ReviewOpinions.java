package vn.congdoan.award.nomination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * What the next levels read on their forms: every earlier action on the nomination (who, when, outcome,
 * reason in full, the figures the step entered, the fields a revision changed) as the JSON variable
 * {@value #OPINIONS}, and what the latest resubmission changed as {@value #CHANGES}. Both are rebuilt from
 * the trail ({@code nomination_review}) in the step's transaction, so a form shows exactly what auditors see.
 * A form shows them with a form-js table whose {@code dataSource} is the variable (forms/*.form).
 */
@Component
public class ReviewOpinions {
  public static final String OPINIONS = "reviewOpinions";
  public static final String CHANGES = "dossierChanges";
  /** A figure longer than this is not repeated in the opinions (it is on the dossier itself). */
  private static final int FIGURE_LENGTH = 80;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NominationReadModel readModel;
  private final Texts texts;
  private final DateTimeFormatter time;

  public ReviewOpinions(NominationReadModel readModel, Texts texts, BusinessClock clock) {
    this.readModel = readModel;
    this.texts = texts;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  /** Rebuilds the variables; {@code resubmitted}: the action just recorded submitted the dossier again. */
  public void refresh(VariableScope scope, String processInstanceId, boolean resubmitted) {
    List<Map<String, Object>> rows = readModel.reviews(processInstanceId);
    List<List<ReviewSnapshot.Entry>> submissions = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      submissions.add(ReviewSnapshot.fromJson((String) row.get("details")));
    }
    List<List<ReviewSnapshot.Change>> changes = ReviewSnapshot.changes(submissions);
    List<Map<String, String>> opinions = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String step = (String) row.get("step");
      String outcome = (String) row.get("outcome");
      Map<String, String> opinion = new LinkedHashMap<>();
      opinion.put("step", (String) row.get("step_name"));
      opinion.put("actor", row.get("actor_name") instanceof String name ? name : (String) row.get("actor"));
      opinion.put("at", time.format(((java.util.Date) row.get("acted_at")).toInstant()));
      opinion.put("outcome", texts.getOrDefault("review.outcome." + outcome, outcome));
      opinion.put("note", note((String) row.get("reason"), step, submissions.get(i), changes.get(i)));
      opinions.add(opinion);
    }
    scope.setVariable(OPINIONS, json(opinions));
    if (resubmitted && !changes.isEmpty()) {
      List<Map<String, String>> last = new ArrayList<>();
      for (ReviewSnapshot.Change c : changes.get(changes.size() - 1)) {
        last.add(Map.of("field", c.label(), "before", c.before(), "after", c.after()));
      }
      scope.setVariable(CHANGES, json(last));
    }
  }

  /** The reason in full, then what the step changed (a revision) or the short figures it entered. */
  private String note(String reason, String step, List<ReviewSnapshot.Entry> entries,
      List<ReviewSnapshot.Change> changed) {
    List<String> parts = new ArrayList<>();
    if (reason != null && !reason.isBlank()) {
      parts.add(reason);
    }
    if (!changed.isEmpty()) {
      parts.add(texts.get("opinion.changed", String.join(", ", changed.stream().map(ReviewSnapshot.Change::label).toList())));
    } else if (entries.stream().noneMatch(e -> StepListener.DOSSIER_FIELDS.contains(e.key()))) {
      List<String> figures = entries.stream()
          .filter(e -> !e.key().equals(step + NominationVariables.OUTCOME_SUFFIX)
              && !e.key().equals(step + NominationVariables.REASON_SUFFIX)
              && !e.value().isEmpty() && e.value().length() <= FIGURE_LENGTH)
          .map(e -> e.label() + ": " + e.value()).toList();
      if (!figures.isEmpty()) {
        parts.add(String.join("; ", figures));
      }
    }
    return String.join("\n", parts);
  }

  private static Object json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
