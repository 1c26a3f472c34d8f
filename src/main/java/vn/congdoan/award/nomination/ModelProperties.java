package vn.congdoan.award.nomination;

import java.util.Collection;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads the element properties ({@code camunda:properties}) that administrators set in Modeler. */
public final class ModelProperties {
  public static final String STATUS = "status";
  public static final String OUTCOME = "outcome";
  public static final String REASON = "reason";
  public static final String VALIDATION = "validation";

  private ModelProperties() {}

  public static Optional<String> get(BaseElement element, String name) {
    if (element == null) {
      return Optional.empty();
    }
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return Optional.empty();
    }
    Collection<CamundaProperties> all = extensions.getChildElementsByType(CamundaProperties.class);
    for (CamundaProperties properties : all) {
      for (CamundaProperty p : properties.getCamundaProperties()) {
        if (name.equals(p.getCamundaName()) && p.getCamundaValue() != null && !p.getCamundaValue().isBlank()) {
          return Optional.of(p.getCamundaValue().trim());
        }
      }
    }
    return Optional.empty();
  }
}
