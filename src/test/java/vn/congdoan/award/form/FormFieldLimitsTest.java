package vn.congdoan.award.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.congdoan.award.nomination.NominationReadModel;

/**
 * Every text a form accepts fits where it is stored: the engine's string variables (4000), and the read
 * model's columns ({@code db/migration/*.sql}) for the fields the read model copies. A form whose limit grows
 * beyond its column would turn a long value into a database error instead of a Vietnamese 400.
 */
class FormFieldLimitsTest {
  /** Form fields and the read-model columns they are copied to (NominationReadModel, StepListener). */
  static final Map<String, List<String>> COLUMNS = Map.of(
      "nomineeName", List.of("nomination.nominee_name"),
      "nomineePosition", List.of("nomination.nominee_position"),
      "nomineeKind", List.of("nomination.nominee_kind"),
      "awardForm", List.of("nomination.award_form"),
      "movement", List.of("nomination.movement"),
      "round", List.of("nomination.round_code"));
  /** A review's reason ({@code XReason}) goes to the trail, a rejection's to the nomination's outcome. */
  static final List<String> REASON_COLUMNS = List.of("nomination_review.reason", "nomination.outcome_reason");

  static Map<String, Integer> columnSizes() throws IOException {
    Map<String, Integer> sizes = new HashMap<>();
    Pattern table = Pattern.compile("create table (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    Pattern column = Pattern.compile("^\\s*(\\w+)\\s+varchar\\((\\d+)\\)", Pattern.MULTILINE);
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path file : files.toList()) {
        Matcher t = table.matcher(Files.readString(file));
        while (t.find()) {
          Matcher c = column.matcher(t.group(2));
          while (c.find()) {
            sizes.put(t.group(1) + "." + c.group(1), Integer.parseInt(c.group(2)));
          }
        }
      }
    }
    return sizes;
  }

  static List<FormSchema> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(f -> f.toString().endsWith(".form")).sorted().map(f -> {
        try (InputStream in = Files.newInputStream(f)) {
          return FormSchema.parse(in);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }
  }

  static boolean isFreeText(FormSchema.Field f) {
    return ("textfield".equals(f.type()) || "textarea".equals(f.type())) && f.options().isEmpty();
  }

  @Test
  void everyFreeTextFieldHasALimitTheEngineCanStore() throws IOException {
    for (FormSchema form : forms()) {
      for (FormSchema.Field f : form.fields()) {
        if (f.editable() && isFreeText(f)) {
          assertThat(f.maxLength()).as("maxLength of %s in %s", f.key(), form.id()).isNotNull()
              .isLessThanOrEqualTo(FormValidator.STORED_TEXT_LIMIT);
        }
      }
    }
  }

  @Test
  void everyFieldTheReadModelCopiesFitsItsColumns() throws IOException {
    Map<String, Integer> sizes = columnSizes();
    int checked = 0;
    for (FormSchema form : forms()) {
      for (FormSchema.Field f : form.fields()) {
        List<String> columns = f.key().endsWith("Reason") ? REASON_COLUMNS : COLUMNS.get(f.key());
        if (!f.editable() || columns == null) {
          continue;
        }
        int longest = f.options().isEmpty() ? f.maxLength()
            : f.options().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (String column : columns) {
          assertThat(sizes).as("column %s", column).containsKey(column);
          assertThat(longest).as("%s of %s into %s", f.key(), form.id(), column).isLessThanOrEqualTo(sizes.get(column));
        }
        checked++;
      }
    }
    assertThat(checked).as("fields checked").isGreaterThanOrEqualTo(COLUMNS.size() + 5);
    for (String column : REASON_COLUMNS) {
      assertThat(NominationReadModel.REASON_LENGTH).as(column).isLessThanOrEqualTo(sizes.get(column));
    }
  }
}
