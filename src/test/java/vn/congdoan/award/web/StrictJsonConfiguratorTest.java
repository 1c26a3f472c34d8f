package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.junit.jupiter.api.Test;

class StrictJsonConfiguratorTest {

  @Test
  void everyRequestSharesOneStrictMapperWithCamundasDateFormat() throws Exception {
    RestApiConfiguration.StrictJsonConfigurator configurator = new RestApiConfiguration.StrictJsonConfigurator();
    ObjectMapper first = configurator.getContext(Map.class);

    assertThat(new RestApiConfiguration.StrictJsonConfigurator().getContext(Date.class)).isSameAs(first);
    assertThat(first.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isTrue();
    assertThatThrownBy(() -> first.readValue("{\"a\": 1, \"a\": 2}", Map.class))
        .hasMessageContaining("Duplicate field 'a'");
    assertThat(first.writeValueAsString(new Date(0))).startsWith("\"1970-01-01T");
  }

  @Test
  void aChangedDateFormatGetsAMapperOfItsOwn() {
    String before = JacksonConfigurator.dateFormatString;
    try {
      ObjectMapper first = new RestApiConfiguration.StrictJsonConfigurator().getContext(Map.class);
      JacksonConfigurator.setDateFormatString("yyyy-MM-dd");
      ObjectMapper second = new RestApiConfiguration.StrictJsonConfigurator().getContext(Map.class);
      assertThat(second).isNotSameAs(first);
      assertThat(second.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isTrue();
    } finally {
      JacksonConfigurator.setDateFormatString(before);
    }
  }
}
