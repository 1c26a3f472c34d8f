package vn.congdoan.award.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.congdoan.award.support.Texts;

/**
 * The field rules on their own: exactly the date and time formats form-js sends, the characters a text
 * refuses, whole numbers that fit a Long, and values given as objects. (No field here has a hide condition:
 * the FEEL engine is only needed for those, and the REST catalogue covers them.)
 */
class FormValidatorTest {
  final FormValidator validator = new FormValidator(Texts.standalone(), null);

  static FormSchema form(String components) {
    String json = "{\"id\": \"t\", \"components\": [" + components + "]}";
    return FormSchema.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  List<String> errors(FormSchema form, String key, Object value) {
    Map<String, Object> values = new HashMap<>();
    values.put(key, value);
    return validator.validate(form, values);
  }

  static final FormSchema DATE = form("{\"key\": \"d\", \"type\": \"datetime\", \"subtype\": \"date\", \"dateLabel\": \"Ngày\"}");

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-20", "2028-02-29", "0001-01-01"})
  void aDateFieldTakesAnIsoDate(String value) {
    assertThat(errors(DATE, "d", value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-20T<script>", "2026-11-20T00:00", "2026-11-20Z", "2026-02-29", "2026-11-31",
      "2026-1-5", "20261120", "+2026-11-20", "2026-11-20 ", "20/11/2026", "2026-١١-20"})
  void aDateFieldRefusesAnythingElse(String value) {
    assertThat(errors(DATE, "d", value)).containsExactly(
        "Trường «Ngày» phải là ngày theo dạng năm-tháng-ngày (ví dụ 2026-11-20).");
  }

  @Test
  void aDateFieldRefusesADateObject() {
    assertThat(errors(DATE, "d", new java.util.Date())).hasSize(1);
    assertThat(errors(DATE, "d", Variables.dateValue(new java.util.Date()))).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
      "time, utc_offset, 14:30+07:00, true", "time, utc_offset, 14:30, false", "time, utc_offset, 14:30Z, false",
      "time, utc_offset, 24:00+07:00, false", "time, utc_offset, 14:30+7:00, false",
      "time, utc_normalized, 07:30Z, true", "time, utc_normalized, 07:30+00:00, false",
      "time, no_timezone, 14:30, true", "time, no_timezone, 14:30:00, false",
      "datetime, utc_offset, 2026-11-20T14:30+07:00, true", "datetime, utc_offset, 2026-11-20 14:30+07:00, false",
      "datetime, utc_normalized, 2026-11-20T07:30Z, true", "datetime, no_timezone, 2026-11-20T14:30, true",
      "datetime, no_timezone, 2026-11-31T14:30, false"})
  void timeFieldsTakeWhatFormJsSendsForTheirSerializingFormat(String subtype, String format, String value, boolean ok) {
    FormSchema form = form("{\"key\": \"t\", \"type\": \"datetime\", \"subtype\": \"" + subtype
        + "\", \"timeSerializingFormat\": \"" + format + "\", \"label\": \"Giờ\"}");
    assertThat(errors(form, "t", value).isEmpty()).as(value).isEqualTo(ok);
  }

  static final FormSchema TEXTS = form("{\"key\": \"line\", \"type\": \"textfield\", \"label\": \"Tên\"},"
      + "{\"key\": \"area\", \"type\": \"textarea\", \"label\": \"Ghi chú\"}");

  @Test
  void lineBreaksAndTabsOnlyInATextarea() {
    assertThat(errors(TEXTS, "area", "Dòng 1\r\nDòng 2\tcột")).isEmpty();
    assertThat(errors(TEXTS, "line", "Dòng 1\nDòng 2"))
        .containsExactly("Trường «Tên» chỉ nhận một dòng: không xuống dòng, không dùng ký tự tab.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0008", "\u000B", "\u001F", "\u007F", "\u0085", "\u009F", "\uD800", "\uDC00",
      "\uFDD0", "\uFFFE", "\uFFFF", "\uD83F\uDFFF", "\u2028", "\u2029", "\u202A", "\u202E", "\u2066", "\u2069",
      "\u200B", "\u2060", "\uFEFF"})
  void aTextRefusesControlInvisibleAndBidirectionalCharacters(String character) {
    assertThat(errors(TEXTS, "area", "Lò" + character + "Mai")).singleElement().asString()
        .startsWith("Trường «Ghi chú» có ký tự không được phép (U+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Lò Thị Mai", "Nguyễn Văn Khánh – Đội 3", "😀", "👩‍⚕️", "co\u00ADoperative", "α β γ", "汉字"})
  void ordinaryTextIsAccepted(String text) {
    assertThat(errors(TEXTS, "line", text)).isEmpty();
  }

  @Test
  void aTextWithoutALimitInItsFormHasTheEnginesLimit() {
    assertThat(errors(TEXTS, "line", "x".repeat(FormValidator.STORED_TEXT_LIMIT))).isEmpty();
    assertThat(errors(TEXTS, "line", "x".repeat(FormValidator.STORED_TEXT_LIMIT + 1)))
        .containsExactly("Trường «Tên» không được dài quá 4.000 ký tự.");
  }

  @Test
  void aLengthCountsWhatTheBrowserAndTheDatabaseCount() {
    FormSchema form = form("{\"key\": \"n\", \"type\": \"textfield\", \"label\": \"Tên\", \"validate\": {\"maxLength\": 4}}");
    assertThat(errors(form, "n", "😀😀")).isEmpty(); // four UTF-16 units
    assertThat(errors(form, "n", "😀😀😀")).hasSize(1);
  }

  @Test
  void aWholeNumberMustFitALong() {
    FormSchema form = form("{\"key\": \"n\", \"type\": \"number\", \"label\": \"Số\", \"decimalDigits\": 0}");
    assertThat(errors(form, "n", Long.MAX_VALUE)).isEmpty();
    assertThat(errors(form, "n", 1e19)).containsExactly("Trường «Số» không được lớn hơn 9223372036854775807.");
  }

  @Test
  void objectsJsonAndBytesAreNeverAFieldsValue() {
    FormSchema form = form("{\"key\": \"n\", \"type\": \"textfield\", \"label\": \"Tên\"}");
    Map<String, Object> typed = Variables.createVariables()
        .putValueTyped("n", Variables.serializedObjectValue("\"/etc/passwd\"").objectTypeName("java.io.File")
            .serializationDataFormat("application/json").create());
    assertThat(validator.validate(form, typed)).containsExactly("Trường «Tên» phải là văn bản.");
    typed = Variables.createVariables().putValueTyped("n", Variables.byteArrayValue(new byte[] {1}));
    assertThat(validator.validate(form, typed)).containsExactly("Trường «Tên» phải là văn bản.");
  }

  @Test
  void aValueIsQuotedShortAndClean() {
    assertThat(FormValidator.shown("a\u0000b")).isEqualTo("a\uFFFDb");
    assertThat(FormValidator.shown("x".repeat(100))).isEqualTo("x".repeat(60) + "…");
  }
}
