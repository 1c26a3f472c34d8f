package vn.congdoan.award.nomination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.congdoan.award.form.FormSchema;

/**
 * What one step submitted, as people reading the trail see it: each field of the step's form with the label
 * it had and the value as shown (option labels, "Có"/"Không", dd/MM/yyyy). Kept with the review row, so a
 * later change of the form does not rewrite the past, and compared between two submissions of the same
 * fields to show what a revision changed.
 */
public final class ReviewSnapshot {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** One field as submitted. */
  public record Entry(String key, String label, String value) {}

  /** One field that differs from the previous submission of it. */
  public record Change(String key, String label, String before, String after) {}

  private ReviewSnapshot() {}

  /** The form's editable fields that the submission carries (a field hidden by a condition is not sent). */
  public static List<Entry> of(FormSchema form, Map<String, Object> values) {
    List<Entry> entries = new ArrayList<>();
    if (form == null) {
      return entries;
    }
    for (FormSchema.Field field : form.fields()) {
      if (field.editable() && values.containsKey(field.key())) {
        entries.add(new Entry(field.key(), field.label(), shown(field, values.get(field.key()))));
      }
    }
    return entries;
  }

  static String shown(FormSchema.Field field, Object value) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "Có" : "Không";
    }
    if (value instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
    String text = value.toString();
    if (field.options() != null && field.options().containsKey(text)) {
      return field.options().get(text);
    }
    if (field.isDate() && text.length() == 10) {
      try {
        return SHOWN_DATE.format(LocalDate.parse(text));
      } catch (DateTimeParseException notADay) {
        return text;
      }
    }
    return text;
  }

  public static String toJson(List<Entry> entries) {
    try {
      return entries.isEmpty() ? null : JSON.writeValueAsString(entries);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Entry> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<Entry>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable review details", e);
    }
  }

  /**
   * For each submission in order, the fields that differ from the latest earlier submission carrying the
   * same field (the first submission of a field has no change). A revision is thus compared with the dossier
   * as it stood before, and a step done twice with its own earlier figures.
   */
  public static List<List<Change>> changes(List<List<Entry>> submissions) {
    Map<String, String> last = new HashMap<>();
    List<List<Change>> out = new ArrayList<>();
    for (List<Entry> submission : submissions) {
      List<Change> changes = new ArrayList<>();
      for (Entry e : submission) {
        if (last.containsKey(e.key()) && !Objects.equals(last.get(e.key()), e.value())) {
          changes.add(new Change(e.key(), e.label(), last.get(e.key()), e.value()));
        }
      }
      submission.forEach(e -> last.put(e.key(), e.value()));
      out.add(changes);
    }
    return out;
  }
}
