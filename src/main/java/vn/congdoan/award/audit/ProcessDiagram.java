package vn.congdoan.award.audit;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.AssociationDirection;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CancelEventDefinition;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.DataAssociation;
import org.camunda.bpm.model.bpmn.instance.DataInput;
import org.camunda.bpm.model.bpmn.instance.DataObject;
import org.camunda.bpm.model.bpmn.instance.DataObjectReference;
import org.camunda.bpm.model.bpmn.instance.DataOutput;
import org.camunda.bpm.model.bpmn.instance.DataStoreReference;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Group;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.LoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ManualTask;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Transaction;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * Draws a process's BPMN diagram as SVG on the server, from the model's diagram interchange ({@code BPMNShape}
 * bounds, {@code BPMNEdge} waypoints, {@code BPMNLabel} bounds), with the path one process instance took
 * highlighted: steps it went through in green, the steps it is at now in amber, everything else grey.
 *
 * <p>The SVG is meant to be inlined into a page whose Content-Security-Policy forbids inline styles and scripts:
 * it uses presentation attributes only (no {@code style} attribute, no {@code <style>}, no script, no event
 * handler, no external reference), every text from the model (names are authored by administrators) is
 * XML-escaped, and the output is the same string for the same input. Each shape's {@code <g>} carries
 * {@code data-element-id} and {@code data-state} ({@code visited}, {@code active} or {@code none}); each edge's
 * {@code <g>} carries {@code data-flow-id} and {@code data-taken} ({@code true} or {@code false}).
 *
 * <p>Only the first {@code BPMNDiagram} of the model is drawn (the one Camunda Modeler shows first; further
 * diagrams are the drill-down planes of collapsed sub-processes). The {@code viewBox} spans every bound,
 * waypoint and drawn text, with a 10 px margin, plus the legend under the diagram.
 */
@Service
public class ProcessDiagram {

  /**
   * One process instance's path through its diagram.
   *
   * @param visited activity ids that ran (ended or not)
   * @param active activity ids running now
   * @param taken sequence flow ids taken
   */
  public record Path(java.util.Set<String> visited, java.util.Set<String> active, java.util.Set<String> taken) {
    public Path {
      visited = visited == null ? Set.of() : Set.copyOf(visited);
      active = active == null ? Set.of() : Set.copyOf(active);
      taken = taken == null ? Set.of() : Set.copyOf(taken);
    }
  }

  static final String SVG_NS = "http://www.w3.org/2000/svg";

  static final String GREY = "#666";
  static final String WHITE = "#ffffff";
  static final String TEXT = "#222";
  static final String VISITED_FILL = "#e6f4ea";
  static final String VISITED_STROKE = "#1e7b34";
  static final String ACTIVE_FILL = "#fff4ce";
  static final String ACTIVE_STROKE = "#b06d00";

  private static final String FONT_FAMILY = "Arial, Helvetica, sans-serif";
  /** Names inside tasks: 12 px, about 7 px a character. */
  private static final double TASK_FONT = 12;
  private static final double TASK_LINE = 14;
  private static final double TASK_CHAR = 7;
  /** Labels outside shapes (events, gateways, flows): 11 px, about 6 px a character. */
  private static final double LABEL_FONT = 11;
  private static final double LABEL_LINE = 13;
  private static final double LABEL_CHAR = 6;
  private static final double MARGIN = 10;
  private static final String ARROW = "pd-arrow";
  private static final String ARROW_TAKEN = "pd-arrow-taken";

  private final HistoryService history;
  private final RepositoryService repository;
  private final WithoutAuthorization withoutAuthorization;

  public ProcessDiagram(HistoryService history, RepositoryService repository,
      WithoutAuthorization withoutAuthorization) {
    this.history = history;
    this.repository = repository;
    this.withoutAuthorization = withoutAuthorization;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading the path from Camunda's history

  /**
   * The path of one process instance, running or finished, from Camunda's historic activity instances, read
   * without the engine's authorization checks (the caller has checked the user's scope).
   *
   * <p>{@code visited} holds every activity with a historic activity instance (boundary events have one when
   * they fired, cancelled activities keep theirs), {@code active} those with an instance not ended yet.
   * Camunda 7 does not record sequence flows in its history, so {@code taken} is derived: a flow counts as
   * taken when its source activity was visited and its target was visited. Where a target has several
   * incoming flows whose sources were visited (a join after a loop, the shared "rejected" join), each target
   * instance is credited to the one incoming flow whose source instance completed (not cancelled) last before
   * the target instance started; only when the timestamps match none does the plain source-and-target rule
   * apply. With several instances of one activity this is an approximation, good enough for a picture.
   *
   * @throws ResponseStatusException 404 when history has no such process instance
   */
  public Path pathOf(String processInstanceId) {
    return withoutAuthorization.call(() -> load(processInstanceId).path());
  }

  /**
   * The diagram of one process instance's definition version with its path highlighted: works for running and
   * finished instances (the model comes from the historic instance's process definition id).
   *
   * @throws ResponseStatusException 404 when history has no such process instance
   */
  public String svgOf(String processInstanceId) {
    Loaded loaded = withoutAuthorization.call(() -> load(processInstanceId));
    return svg(loaded.model(), loaded.path());
  }

  private record Loaded(BpmnModelInstance model, Path path) {}

  private Loaded load(String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc()
        .list();
    return new Loaded(model, path(model, activities.stream().map(Step::of).toList()));
  }

  /** One historic activity instance: its activity, start, end (null while running), whether it was cancelled. */
  record Step(String activityId, long start, Long end, boolean canceled) {
    static Step of(HistoricActivityInstance a) {
      return new Step(a.getActivityId(), a.getStartTime() == null ? 0 : a.getStartTime().getTime(),
          a.getEndTime() == null ? null : a.getEndTime().getTime(), a.isCanceled());
    }

    Step {
      // a multi-instance body's instance is recorded as "<activity>#multiInstanceBody"
      int hash = activityId == null ? -1 : activityId.indexOf('#');
      if (hash >= 0) {
        activityId = activityId.substring(0, hash);
      }
    }
  }

  /** The path from the steps, in the order they started (see {@link #pathOf} for how flows are derived). */
  static Path path(BpmnModelInstance model, List<Step> steps) {
    Set<String> visited = new LinkedHashSet<>();
    Set<String> active = new LinkedHashSet<>();
    for (Step s : steps) {
      if (s.activityId() == null) {
        continue;
      }
      visited.add(s.activityId());
      if (s.end() == null) {
        active.add(s.activityId());
      }
    }
    Map<String, List<SequenceFlow>> incoming = new HashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getSource() != null && flow.getTarget() != null) {
        incoming.computeIfAbsent(flow.getTarget().getId(), k -> new ArrayList<>()).add(flow);
      }
    }
    Set<String> taken = new LinkedHashSet<>();
    Set<String> credited = new HashSet<>();
    for (Step target : steps) {
      List<SequenceFlow> flows = incoming.getOrDefault(target.activityId(), List.of());
      if (flows.isEmpty()) {
        continue;
      }
      SequenceFlow best = null;
      int bestIndex = -1;
      long bestEnd = Long.MIN_VALUE;
      for (SequenceFlow flow : flows) {
        String source = flow.getSource().getId();
        for (int i = 0; i < steps.size(); i++) {
          Step s = steps.get(i);
          if (s == target || !source.equals(s.activityId()) || s.end() == null || s.canceled()
              || s.end() > target.start() || credited.contains(i + ">" + target.activityId())) {
            continue;
          }
          if (s.end() > bestEnd || (s.end() == bestEnd && i > bestIndex)) {
            best = flow;
            bestIndex = i;
            bestEnd = s.end();
          }
        }
      }
      if (best != null) {
        taken.add(best.getId());
        credited.add(bestIndex + ">" + target.activityId());
      } else {
        for (SequenceFlow flow : flows) {
          if (visited.contains(flow.getSource().getId())) {
            taken.add(flow.getId());
          }
        }
      }
    }
    return new Path(visited, active, taken);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Drawing

  /**
   * The model's first diagram as SVG with {@code path} highlighted; a pure function of its arguments (no
   * engine). A model without diagram interchange yields a small SVG that says so.
   */
  public String svg(BpmnModelInstance model, Path path) {
    Objects.requireNonNull(model, "model");
    return new Renderer(model, path == null ? new Path(null, null, null) : path).render();
  }

  private enum State {
    NONE("none"), VISITED("visited"), ACTIVE("active");

    final String value;

    State(String value) {
      this.value = value;
    }
  }

  private record Paint(String fill, String stroke, double width) {}

  private static Paint paint(State state, double baseWidth) {
    return switch (state) {
      case ACTIVE -> new Paint(ACTIVE_FILL, ACTIVE_STROKE, baseWidth + 1.5);
      case VISITED -> new Paint(VISITED_FILL, VISITED_STROKE, baseWidth + 0.5);
      case NONE -> new Paint(WHITE, GREY, baseWidth);
    };
  }

  private static final class Renderer {
    private final BpmnModelInstance model;
    private final Path path;
    private final Canvas c = new Canvas();
    private final List<String> activeNames = new ArrayList<>();
    /** Sub-processes drawn open: marked expanded in the diagram, or with shapes of their own elements. */
    private final Set<String> expanded = new HashSet<>();

    Renderer(BpmnModelInstance model, Path path) {
      this.model = model;
      this.path = path;
    }

    String render() {
      BpmnPlane plane = firstPlane();
      String title = "Sơ đồ quy trình " + oneLine(processName(plane));
      List<BpmnShape> pools = new ArrayList<>();
      List<BpmnShape> lanes = new ArrayList<>();
      List<BpmnShape> containers = new ArrayList<>();
      List<BpmnShape> nodes = new ArrayList<>();
      List<BpmnShape> boundaries = new ArrayList<>();
      List<BpmnEdge> edges = new ArrayList<>();
      if (plane != null) {
        List<BpmnShape> shapes = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
          if (!plane.equals(shape.getParentElement())) {
            continue;
          }
          shapes.add(shape);
          BaseElement e = shape.getBpmnElement();
          if (e instanceof SubProcess && shape.isExpanded()) {
            expanded.add(e.getId());
          }
          if (e != null && e.getParentElement() instanceof SubProcess parent) {
            expanded.add(parent.getId());
          }
        }
        for (BpmnShape shape : shapes) {
          BaseElement e = shape.getBpmnElement();
          if (e instanceof Participant) {
            pools.add(shape);
          } else if (e instanceof Lane) {
            lanes.add(shape);
          } else if (e instanceof SubProcess && expanded.contains(e.getId())) {
            containers.add(shape);
          } else if (e instanceof BoundaryEvent) {
            boundaries.add(shape);
          } else {
            nodes.add(shape);
          }
        }
        // outer sub-processes under inner ones; the sort is stable, so document order otherwise
        containers.sort(Comparator.comparingInt(s -> depth(s.getBpmnElement())));
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
          if (plane.equals(edge.getParentElement())) {
            edges.add(edge);
          }
        }
      }

      c.open("g", "font-family", FONT_FAMILY, "font-size", n(TASK_FONT));
      c.raw("\n");
      // containers first, then the flows, then the nodes on top, boundary events over their activity's border
      pools.forEach(this::shape);
      lanes.forEach(this::shape);
      containers.forEach(this::shape);
      edges.forEach(this::edge);
      nodes.forEach(this::shape);
      boundaries.forEach(this::shape);
      if (c.isEmpty()) {
        c.text(List.of("Quy trình này không có sơ đồ."), 0, 0, TASK_FONT, TASK_LINE, TASK_CHAR, "start", null, TEXT);
      }
      legend();
      c.close("g");

      StringBuilder svg = new StringBuilder(c.length() + 1024);
      double x = c.minX - MARGIN;
      double y = c.minY - MARGIN;
      double w = c.maxX - c.minX + 2 * MARGIN;
      double h = c.maxY - c.minY + 2 * MARGIN;
      svg.append("<svg xmlns=\"").append(SVG_NS).append("\" viewBox=\"").append(n(x)).append(' ').append(n(y))
          .append(' ').append(n(w)).append(' ').append(n(h))
          .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-label=\"")
          .append(esc(title)).append("\">\n");
      svg.append("<title>").append(esc(title)).append("</title>\n");
      if (!activeNames.isEmpty()) {
        svg.append("<desc>").append(esc("Đang ở bước: " + String.join(", ", activeNames) + ".")).append("</desc>\n");
      }
      svg.append("<defs>");
      marker(svg, ARROW, GREY);
      marker(svg, ARROW_TAKEN, VISITED_STROKE);
      svg.append("</defs>\n");
      svg.append(c.out());
      svg.append("\n</svg>\n");
      return svg.toString();
    }

    private static void marker(StringBuilder svg, String id, String fill) {
      svg.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
          .append(" markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
          .append("<path d=\"M0,0 L10,5 L0,10 Z\" fill=\"").append(fill).append("\" stroke=\"none\"/></marker>");
    }

    private BpmnPlane firstPlane() {
      if (model.getDefinitions() == null) {
        return null;
      }
      for (BpmnDiagram diagram : model.getDefinitions().getBpmDiagrams()) {
        if (diagram.getBpmnPlane() != null) {
          return diagram.getBpmnPlane();
        }
      }
      return null;
    }

    private String processName(BpmnPlane plane) {
      BaseElement e = plane == null ? null : plane.getBpmnElement();
      if (e instanceof Collaboration collaboration) {
        if (!blank(collaboration.getName())) {
          return collaboration.getName();
        }
        for (Participant p : collaboration.getParticipants()) {
          if (p.getProcess() != null) {
            e = p.getProcess();
            break;
          }
        }
      }
      if (!(e instanceof Process)) {
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        e = processes.isEmpty() ? null : processes.iterator().next();
      }
      if (e == null) {
        return "";
      }
      String name = e.getAttributeValue("name");
      return blank(name) ? e.getId() : name;
    }

    private State state(String id) {
      if (path.active().contains(id)) {
        return State.ACTIVE;
      }
      return path.visited().contains(id) ? State.VISITED : State.NONE;
    }

    // ------------------------------------------------------------------ shapes

    private void shape(BpmnShape shape) {
      BaseElement e = shape.getBpmnElement();
      String id = e != null ? e.getId() : shape.getId();
      State state = id == null ? State.NONE : state(id);
      String name = name(e);
      c.open("g", "data-element-id", id == null ? "" : id, "data-state", state.value);
      if (!blank(name)) {
        c.open("title").content(oneLine(name)).close("title");
      }
      Bounds b = shape.getBounds();
      if (b != null && b.getX() != null && b.getY() != null && b.getWidth() != null && b.getHeight() != null) {
        double x = b.getX();
        double y = b.getY();
        double w = b.getWidth();
        double h = b.getHeight();
        c.include(x, y, w, h);
        if (e instanceof Participant || e instanceof Lane) {
          band(shape, name, x, y, w, h);
        } else if (e instanceof SubProcess sub && expanded.contains(sub.getId())) {
          expanded(sub, state, name, x, y, w, h);
        } else if (e instanceof Event event) {
          event(event, state, x, y, w, h);
          label(shape, name, x, y, w, h);
        } else if (e instanceof Gateway gateway) {
          gateway(gateway, state, x, y, w, h);
          label(shape, name, x, y, w, h);
        } else if (e instanceof Activity activity) {
          activity(activity, state, name, x, y, w, h);
        } else if (e instanceof TextAnnotation) {
          annotation(name, x, y, w, h);
        } else if (e instanceof DataObjectReference || e instanceof DataObject || e instanceof DataInput
            || e instanceof DataOutput) {
          dataObject(x, y, w, h);
          label(shape, name, x, y, w, h);
        } else if (e instanceof DataStoreReference) {
          dataStore(x, y, w, h);
          label(shape, name, x, y, w, h);
        } else if (e instanceof Group) {
          c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "rx", "10", "fill", "none",
              "stroke", GREY, "stroke-width", "1.5", "stroke-dasharray", "8 4 2 4");
          c.text(wrap(name, w - 10, LABEL_CHAR, 2), x + w / 2, y + 4, LABEL_FONT, LABEL_LINE, LABEL_CHAR,
              "middle", null, TEXT);
        } else {
          Paint p = paint(state, 1.5);
          c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "fill", p.fill(),
              "stroke", p.stroke(), "stroke-width", n(p.width()));
          centred(name, x, y, w, h);
        }
        if (state == State.ACTIVE && !blank(name) && !(e instanceof SubProcess && expanded.contains(id))) {
          String line = oneLine(name);
          if (!activeNames.contains(line)) {
            activeNames.add(line);
          }
        }
      }
      c.close("g").raw("\n");
    }

    /** A participant (pool) or lane: a rectangle with its name in a band along its start. */
    private void band(BpmnShape shape, String name, double x, double y, double w, double h) {
      c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "fill", "none", "stroke", GREY,
          "stroke-width", "1.5");
      String horizontal = shape.getAttributeValue("isHorizontal");
      boolean across = horizontal == null || Boolean.parseBoolean(horizontal);
      if (across) {
        if (shape.getBpmnElement() instanceof Participant) {
          c.empty("line", "x1", n(x + 30), "y1", n(y), "x2", n(x + 30), "y2", n(y + h), "stroke", GREY,
              "stroke-width", "1.5");
        }
        List<String> lines = wrap(name, h - 10, TASK_CHAR, 1);
        if (!lines.isEmpty()) {
          double cx = x + 15;
          double cy = y + h / 2;
          c.open("text", "x", n(cx), "y", n(cy + 4), "text-anchor", "middle", "fill", TEXT,
              "transform", "rotate(-90 " + n(cx) + " " + n(cy) + ")").content(lines.get(0)).close("text");
        }
      } else {
        if (shape.getBpmnElement() instanceof Participant) {
          c.empty("line", "x1", n(x), "y1", n(y + 30), "x2", n(x + w), "y2", n(y + 30), "stroke", GREY,
              "stroke-width", "1.5");
        }
        c.text(wrap(name, w - 10, TASK_CHAR, 1), x + w / 2, y + 8, TASK_FONT, TASK_LINE, TASK_CHAR, "middle",
            null, TEXT);
      }
    }

    /** An expanded sub-process: a large rounded rectangle, its name at the top left. */
    private void expanded(SubProcess sub, State state, String name, double x, double y, double w, double h) {
      Paint p = paint(state, 1.5);
      // the frame takes the state's stroke; its fill stays white, so the steps inside stand out
      c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "rx", "10", "fill", WHITE,
          "stroke", p.stroke(), "stroke-width", n(p.width()),
          "stroke-dasharray", sub.triggeredByEvent() ? "6 4" : null);
      if (sub instanceof Transaction) {
        c.empty("rect", "x", n(x + 3), "y", n(y + 3), "width", n(w - 6), "height", n(h - 6), "rx", "8",
            "fill", "none", "stroke", p.stroke(), "stroke-width", "1");
      }
      c.text(wrap(name, w - 20, TASK_CHAR, 2), x + 10, y + 6, TASK_FONT, TASK_LINE, TASK_CHAR, "start", "bold",
          TEXT);
    }

    /** A task, call activity or collapsed sub-process: a rounded rectangle, its type's icon, its name inside. */
    private void activity(Activity a, State state, String name, double x, double y, double w, double h) {
      Paint p = paint(state, a instanceof CallActivity ? 3 : 1.5);
      boolean eventSub = a instanceof SubProcess sub && sub.triggeredByEvent();
      c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "rx", "10", "fill", p.fill(),
          "stroke", p.stroke(), "stroke-width", n(p.width()), "stroke-dasharray", eventSub ? "6 4" : null);
      if (a instanceof Transaction) {
        c.empty("rect", "x", n(x + 3), "y", n(y + 3), "width", n(w - 6), "height", n(h - 6), "rx", "8",
            "fill", "none", "stroke", p.stroke(), "stroke-width", "1");
      }
      boolean icon = icon(a, x, y, p);
      // markers along the bottom: the collapsed sub-process's [+], the loop's lines
      List<String> markers = new ArrayList<>();
      if (a instanceof SubProcess) {
        markers.add("sub");
      }
      LoopCharacteristics loop = a.getLoopCharacteristics();
      if (loop instanceof MultiInstanceLoopCharacteristics mi) {
        markers.add(mi.isSequential() ? "sequential" : "parallel");
      } else if (loop != null) {
        markers.add("loop");
      }
      double mx = x + w / 2 - (markers.size() * 14 - 2) / 2.0;
      double my = y + h - 16;
      for (String m : markers) {
        switch (m) {
          case "sub" -> {
            c.empty("rect", "x", n(mx), "y", n(my), "width", "12", "height", "12", "fill", "none",
                "stroke", p.stroke(), "stroke-width", "1");
            c.empty("path", "d", "M" + n(mx + 6) + "," + n(my + 3) + " V" + n(my + 9) + " M" + n(mx + 3) + ","
                + n(my + 6) + " H" + n(mx + 9), "fill", "none", "stroke", p.stroke(), "stroke-width", "1.5");
          }
          case "parallel" -> c.empty("path", "d", "M" + n(mx + 2) + "," + n(my + 1) + " V" + n(my + 11) + " M"
              + n(mx + 6) + "," + n(my + 1) + " V" + n(my + 11) + " M" + n(mx + 10) + "," + n(my + 1) + " V"
              + n(my + 11), "fill", "none", "stroke", p.stroke(), "stroke-width", "1.5");
          case "sequential" -> c.empty("path", "d", "M" + n(mx + 1) + "," + n(my + 2) + " H" + n(mx + 11)
              + " M" + n(mx + 1) + "," + n(my + 6) + " H" + n(mx + 11) + " M" + n(mx + 1) + "," + n(my + 10)
              + " H" + n(mx + 11), "fill", "none", "stroke", p.stroke(), "stroke-width", "1.5");
          default -> c.empty("path", "d", "M" + n(mx + 3) + "," + n(my + 11) + " A5,5 0 1 1 " + n(mx + 9) + ","
              + n(my + 11) + " M" + n(mx + 9) + "," + n(my + 11) + " l2,-3", "fill", "none",
              "stroke", p.stroke(), "stroke-width", "1.5");
        }
        mx += 14;
      }
      double textHeight = markers.isEmpty() ? h : h - 16;
      List<String> lines = wrap(name, w - 10, TASK_CHAR, Math.max(1, (int) Math.floor((textHeight - 6) / TASK_LINE)));
      double top = y + textHeight / 2 - lines.size() * TASK_LINE / 2;
      if (icon && top < y + 20 && y + 20 + lines.size() * TASK_LINE <= y + textHeight - 2) {
        // below the icon when the name still fits
        top = y + 20;
      }
      c.text(lines, x + w / 2, top, TASK_FONT, TASK_LINE, TASK_CHAR, "middle", null, TEXT);
    }

    /** The small icon of a task's type in the 20 px square at its top left corner; whether there is one. */
    private boolean icon(Activity a, double x, double y, Paint p) {
      String s = p.stroke();
      if (a instanceof UserTask) {
        c.empty("circle", "cx", n(x + 13), "cy", n(y + 9.5), "r", "3", "fill", "none", "stroke", s,
            "stroke-width", "1.2");
        c.empty("path", "d", "M" + n(x + 7) + "," + n(y + 20) + " Q" + n(x + 7) + "," + n(y + 14) + " "
            + n(x + 13) + "," + n(y + 14) + " Q" + n(x + 19) + "," + n(y + 14) + " " + n(x + 19) + ","
            + n(y + 20) + " Z", "fill", "none", "stroke", s, "stroke-width", "1.2");
      } else if (a instanceof ServiceTask) {
        double cx = x + 13;
        double cy = y + 13;
        StringBuilder teeth = new StringBuilder();
        for (int k = 0; k < 8; k++) {
          double angle = k * StrictMath.PI / 4;
          double cos = StrictMath.cos(angle);
          double sin = StrictMath.sin(angle);
          teeth.append(k == 0 ? "M" : " M").append(n(cx + 4.5 * cos)).append(',').append(n(cy + 4.5 * sin))
              .append(" L").append(n(cx + 7 * cos)).append(',').append(n(cy + 7 * sin));
        }
        c.empty("path", "d", teeth.toString(), "fill", "none", "stroke", s, "stroke-width", "2");
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", "4.5", "fill", p.fill(), "stroke", s,
            "stroke-width", "1.2");
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", "1.8", "fill", "none", "stroke", s, "stroke-width", "1.2");
      } else if (a instanceof BusinessRuleTask) {
        c.empty("rect", "x", n(x + 6), "y", n(y + 6), "width", "16", "height", "12", "fill", "none", "stroke", s,
            "stroke-width", "1.2");
        c.empty("path", "d", "M" + n(x + 6) + "," + n(y + 10) + " H" + n(x + 22) + " M" + n(x + 11) + ","
            + n(y + 10) + " V" + n(y + 18) + " M" + n(x + 6) + "," + n(y + 14) + " H" + n(x + 22),
            "fill", "none", "stroke", s, "stroke-width", "1.2");
      } else if (a instanceof ScriptTask) {
        c.empty("path", "d", "M" + n(x + 9) + "," + n(y + 5) + " H" + n(x + 19) + " Q" + n(x + 15) + ","
            + n(y + 8.5) + " " + n(x + 19) + "," + n(y + 12) + " Q" + n(x + 23) + "," + n(y + 15.5) + " "
            + n(x + 19) + "," + n(y + 19) + " H" + n(x + 9) + " Q" + n(x + 13) + "," + n(y + 15.5) + " "
            + n(x + 9) + "," + n(y + 12) + " Q" + n(x + 5) + "," + n(y + 8.5) + " " + n(x + 9) + "," + n(y + 5)
            + " Z", "fill", "none", "stroke", s, "stroke-width", "1.2");
        c.empty("path", "d", "M" + n(x + 10.5) + "," + n(y + 8.5) + " H" + n(x + 16.5) + " M" + n(x + 12) + ","
            + n(y + 12) + " H" + n(x + 18) + " M" + n(x + 11.5) + "," + n(y + 15.5) + " H" + n(x + 17.5),
            "fill", "none", "stroke", s, "stroke-width", "1");
      } else if (a instanceof SendTask) {
        envelope(x + 14, y + 12, 16, 11, s, true, p.fill());
      } else if (a instanceof ReceiveTask) {
        envelope(x + 14, y + 12, 16, 11, s, false, p.fill());
      } else if (a instanceof ManualTask) {
        c.empty("path", "d", "M" + n(x + 6) + "," + n(y + 12) + " Q" + n(x + 10) + "," + n(y + 6) + " "
            + n(x + 15) + "," + n(y + 7) + " H" + n(x + 22) + " M" + n(x + 6) + "," + n(y + 12) + " V"
            + n(y + 18) + " H" + n(x + 19) + " M" + n(x + 14) + "," + n(y + 11) + " H" + n(x + 21) + " M"
            + n(x + 14) + "," + n(y + 14.5) + " H" + n(x + 20), "fill", "none", "stroke", s, "stroke-width", "1.2");
      } else {
        return false;
      }
      return true;
    }

    private void envelope(double cx, double cy, double w, double h, String stroke, boolean filled, String fill) {
      double x = cx - w / 2;
      double y = cy - h / 2;
      c.empty("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(h), "fill", filled ? stroke : "none",
          "stroke", stroke, "stroke-width", "1.2");
      c.empty("polyline", "points", n(x) + "," + n(y) + " " + n(cx) + "," + n(cy + h * 0.1) + " " + n(x + w) + ","
          + n(y), "fill", "none", "stroke", filled ? fill : stroke, "stroke-width", "1.2");
    }

    /** An event: a circle (thick for an end event, double for intermediate and boundary events), its marker. */
    private void event(Event event, State state, double x, double y, double w, double h) {
      double cx = x + w / 2;
      double cy = y + h / 2;
      double r = Math.min(w, h) / 2;
      boolean end = event instanceof EndEvent;
      boolean intermediate = event instanceof IntermediateCatchEvent || event instanceof IntermediateThrowEvent
          || event instanceof BoundaryEvent;
      boolean nonInterrupting = event instanceof BoundaryEvent boundary && !boundary.cancelActivity()
          || event instanceof StartEvent start && !start.isInterrupting()
              && start.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
      String dash = nonInterrupting ? "4 3" : null;
      Paint p = paint(state, end ? 3 : 1.5);
      c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r), "fill", p.fill(), "stroke", p.stroke(),
          "stroke-width", n(p.width()), "stroke-dasharray", dash);
      double inner = r;
      if (intermediate) {
        inner = r - 3;
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(inner), "fill", "none", "stroke", p.stroke(),
            "stroke-width", "1", "stroke-dasharray", dash);
      }
      Collection<EventDefinition> definitions = event instanceof CatchEvent catching
          ? catching.getEventDefinitions()
          : event instanceof ThrowEvent throwing ? throwing.getEventDefinitions() : List.of();
      if (!definitions.isEmpty()) {
        eventMarker(definitions.iterator().next(), cx, cy, inner, p, event instanceof ThrowEvent);
      }
    }

    private void eventMarker(EventDefinition d, double cx, double cy, double r, Paint p, boolean throwing) {
      String s = p.stroke();
      String fill = throwing ? s : "none";
      if (d instanceof TimerEventDefinition) {
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r * 0.68), "fill", WHITE, "stroke", s,
            "stroke-width", "1.5");
        StringBuilder ticks = new StringBuilder();
        for (int k = 0; k < 12; k++) {
          double angle = k * StrictMath.PI / 6;
          double cos = StrictMath.cos(angle);
          double sin = StrictMath.sin(angle);
          ticks.append(k == 0 ? "M" : " M").append(n(cx + r * 0.56 * cos)).append(',')
              .append(n(cy + r * 0.56 * sin)).append(" L").append(n(cx + r * 0.66 * cos)).append(',')
              .append(n(cy + r * 0.66 * sin));
        }
        c.empty("path", "d", ticks.toString(), "fill", "none", "stroke", s, "stroke-width", "1");
        c.empty("path", "d", "M" + n(cx) + "," + n(cy) + " L" + n(cx) + "," + n(cy - r * 0.48) + " M" + n(cx) + ","
            + n(cy) + " L" + n(cx + r * 0.34) + "," + n(cy), "fill", "none", "stroke", s, "stroke-width", "1.5");
      } else if (d instanceof MessageEventDefinition) {
        envelope(cx, cy, r * 1.1, r * 0.76, s, throwing, WHITE);
      } else if (d instanceof SignalEventDefinition) {
        c.empty("polygon", "points", n(cx) + "," + n(cy - r * 0.55) + " " + n(cx + r * 0.5) + "," + n(cy + r * 0.35)
            + " " + n(cx - r * 0.5) + "," + n(cy + r * 0.35), "fill", fill, "stroke", s, "stroke-width", "1.5");
      } else if (d instanceof ErrorEventDefinition) {
        c.empty("polygon", "points", n(cx - r * 0.45) + "," + n(cy + r * 0.45) + " " + n(cx - r * 0.15) + ","
            + n(cy - r * 0.4) + " " + n(cx + r * 0.1) + "," + n(cy + r * 0.05) + " " + n(cx + r * 0.45) + ","
            + n(cy - r * 0.45) + " " + n(cx + r * 0.15) + "," + n(cy + r * 0.4) + " " + n(cx - r * 0.1) + ","
            + n(cy - r * 0.05), "fill", fill, "stroke", s, "stroke-width", "1.5");
      } else if (d instanceof TerminateEventDefinition) {
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r * 0.58), "fill", s, "stroke", s, "stroke-width", "1");
      } else if (d instanceof EscalationEventDefinition) {
        c.empty("polygon", "points", n(cx) + "," + n(cy - r * 0.55) + " " + n(cx + r * 0.4) + "," + n(cy + r * 0.45)
            + " " + n(cx) + "," + n(cy + r * 0.1) + " " + n(cx - r * 0.4) + "," + n(cy + r * 0.45),
            "fill", fill, "stroke", s, "stroke-width", "1.5");
      } else if (d instanceof ConditionalEventDefinition) {
        double hw = r * 0.42;
        double hh = r * 0.52;
        c.empty("rect", "x", n(cx - hw), "y", n(cy - hh), "width", n(2 * hw), "height", n(2 * hh), "fill", "none",
            "stroke", s, "stroke-width", "1.2");
        StringBuilder lines = new StringBuilder();
        for (int k = 1; k <= 3; k++) {
          double ly = cy - hh + k * hh / 2;
          lines.append(k == 1 ? "M" : " M").append(n(cx - hw * 0.7)).append(',').append(n(ly)).append(" H")
              .append(n(cx + hw * 0.7));
        }
        c.empty("path", "d", lines.toString(), "fill", "none", "stroke", s, "stroke-width", "1");
      } else if (d instanceof CompensateEventDefinition) {
        c.empty("polygon", "points", n(cx - r * 0.55) + "," + n(cy) + " " + n(cx) + "," + n(cy - r * 0.35) + " "
            + n(cx) + "," + n(cy + r * 0.35), "fill", fill, "stroke", s, "stroke-width", "1.2");
        c.empty("polygon", "points", n(cx) + "," + n(cy) + " " + n(cx + r * 0.55) + "," + n(cy - r * 0.35) + " "
            + n(cx + r * 0.55) + "," + n(cy + r * 0.35), "fill", fill, "stroke", s, "stroke-width", "1.2");
      } else if (d instanceof LinkEventDefinition) {
        c.empty("polygon", "points", n(cx - r * 0.5) + "," + n(cy - r * 0.2) + " " + n(cx + r * 0.1) + ","
            + n(cy - r * 0.2) + " " + n(cx + r * 0.1) + "," + n(cy - r * 0.45) + " " + n(cx + r * 0.55) + ","
            + n(cy) + " " + n(cx + r * 0.1) + "," + n(cy + r * 0.45) + " " + n(cx + r * 0.1) + "," + n(cy + r * 0.2)
            + " " + n(cx - r * 0.5) + "," + n(cy + r * 0.2), "fill", fill, "stroke", s, "stroke-width", "1.2");
      } else if (d instanceof CancelEventDefinition) {
        double k = r * 0.4;
        c.empty("path", "d", "M" + n(cx - k) + "," + n(cy - k) + " L" + n(cx + k) + "," + n(cy + k) + " M"
            + n(cx - k) + "," + n(cy + k) + " L" + n(cx + k) + "," + n(cy - k), "fill", "none", "stroke", s,
            "stroke-width", "2.5");
      }
    }

    /** A gateway: a diamond with its type's mark (exclusive X, parallel +, inclusive O, ...). */
    private void gateway(Gateway gateway, State state, double x, double y, double w, double h) {
      double cx = x + w / 2;
      double cy = y + h / 2;
      Paint p = paint(state, 1.5);
      c.empty("polygon", "points", n(cx) + "," + n(y) + " " + n(x + w) + "," + n(cy) + " " + n(cx) + "," + n(y + h)
          + " " + n(x) + "," + n(cy), "fill", p.fill(), "stroke", p.stroke(), "stroke-width", n(p.width()),
          "stroke-linejoin", "round");
      String s = p.stroke();
      double dx = w * 0.19;
      double dy = h * 0.19;
      String cross = "M" + n(cx - dx) + "," + n(cy - dy) + " L" + n(cx + dx) + "," + n(cy + dy) + " M" + n(cx - dx)
          + "," + n(cy + dy) + " L" + n(cx + dx) + "," + n(cy - dy);
      String plus = "M" + n(cx) + "," + n(cy - h * 0.26) + " L" + n(cx) + "," + n(cy + h * 0.26) + " M"
          + n(cx - w * 0.26) + "," + n(cy) + " L" + n(cx + w * 0.26) + "," + n(cy);
      double r = Math.min(w, h);
      if (gateway instanceof ExclusiveGateway) {
        c.empty("path", "d", cross, "fill", "none", "stroke", s, "stroke-width", "3", "stroke-linecap", "round");
      } else if (gateway instanceof ParallelGateway) {
        c.empty("path", "d", plus, "fill", "none", "stroke", s, "stroke-width", "3", "stroke-linecap", "round");
      } else if (gateway instanceof InclusiveGateway) {
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r * 0.24), "fill", "none", "stroke", s,
            "stroke-width", "2.5");
      } else if (gateway instanceof ComplexGateway) {
        c.empty("path", "d", cross + " " + plus, "fill", "none", "stroke", s, "stroke-width", "2.5",
            "stroke-linecap", "round");
      } else if (gateway instanceof EventBasedGateway) {
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r * 0.28), "fill", "none", "stroke", s,
            "stroke-width", "1");
        c.empty("circle", "cx", n(cx), "cy", n(cy), "r", n(r * 0.23), "fill", "none", "stroke", s,
            "stroke-width", "1");
        StringBuilder points = new StringBuilder();
        for (int k = 0; k < 5; k++) {
          double angle = -StrictMath.PI / 2 + k * 2 * StrictMath.PI / 5;
          points.append(k == 0 ? "" : " ").append(n(cx + r * 0.14 * StrictMath.cos(angle))).append(',')
              .append(n(cy + r * 0.14 * StrictMath.sin(angle)));
        }
        c.empty("polygon", "points", points.toString(), "fill", "none", "stroke", s, "stroke-width", "1.2");
      }
    }

    private void annotation(String text, double x, double y, double w, double h) {
      c.empty("path", "d", "M" + n(x + 10) + "," + n(y) + " H" + n(x) + " V" + n(y + h) + " H" + n(x + 10),
          "fill", "none", "stroke", GREY, "stroke-width", "1.5");
      c.text(wrap(text, w - 10, LABEL_CHAR, Math.max(1, (int) Math.floor((h - 4) / LABEL_LINE))), x + 5, y + 3,
          LABEL_FONT, LABEL_LINE, LABEL_CHAR, "start", null, TEXT);
    }

    private void dataObject(double x, double y, double w, double h) {
      double fold = Math.min(10, Math.min(w, h) / 3);
      c.empty("path", "d", "M" + n(x) + "," + n(y) + " H" + n(x + w - fold) + " L" + n(x + w) + "," + n(y + fold)
          + " V" + n(y + h) + " H" + n(x) + " Z M" + n(x + w - fold) + "," + n(y) + " V" + n(y + fold) + " H"
          + n(x + w), "fill", WHITE, "stroke", GREY, "stroke-width", "1.5");
    }

    private void dataStore(double x, double y, double w, double h) {
      double ry = Math.min(8, h / 6);
      String rx = n(w / 2) + "," + n(ry);
      c.empty("path", "d", "M" + n(x) + "," + n(y + ry) + " A" + rx + " 0 0 1 " + n(x + w) + "," + n(y + ry) + " V"
          + n(y + h - ry) + " A" + rx + " 0 0 1 " + n(x) + "," + n(y + h - ry) + " Z", "fill", WHITE,
          "stroke", GREY, "stroke-width", "1.5");
      c.empty("path", "d", "M" + n(x) + "," + n(y + ry) + " A" + rx + " 0 0 0 " + n(x + w) + "," + n(y + ry),
          "fill", "none", "stroke", GREY, "stroke-width", "1.5");
    }

    private void centred(String name, double x, double y, double w, double h) {
      List<String> lines = wrap(name, w - 10, TASK_CHAR, Math.max(1, (int) Math.floor((h - 6) / TASK_LINE)));
      c.text(lines, x + w / 2, y + h / 2 - lines.size() * TASK_LINE / 2, TASK_FONT, TASK_LINE, TASK_CHAR,
          "middle", null, TEXT);
    }

    /** The name of an event, gateway or data element: in its BPMNLabel bounds if any, else under the shape. */
    private void label(BpmnShape shape, String name, double x, double y, double w, double h) {
      if (blank(name)) {
        return;
      }
      BpmnLabel label = shape.getBpmnLabel();
      Bounds lb = label == null ? null : label.getBounds();
      if (complete(lb)) {
        double lw = Math.max(lb.getWidth(), 30);
        List<String> lines = wrap(name, lw + 12, LABEL_CHAR, 0);
        double top = lb.getY();
        if (lb.getY() + lb.getHeight() / 2 < y + h / 2) {
          // a label above its shape grows upwards when it needs more lines than its bounds hold
          top = Math.min(top, lb.getY() + lb.getHeight() - lines.size() * LABEL_LINE);
        }
        c.include(lb.getX(), lb.getY(), lb.getWidth(), lb.getHeight());
        c.text(lines, lb.getX() + lb.getWidth() / 2, top, LABEL_FONT, LABEL_LINE, LABEL_CHAR, "middle", null, TEXT);
      } else {
        c.text(wrap(name, 90, LABEL_CHAR, 0), x + w / 2, y + h + 4, LABEL_FONT, LABEL_LINE, LABEL_CHAR, "middle",
            null, TEXT);
      }
    }

    // ------------------------------------------------------------------ edges

    private void edge(BpmnEdge edge) {
      BaseElement e = edge.getBpmnElement();
      String id = e != null ? e.getId() : edge.getId();
      boolean taken = id != null && path.taken().contains(id);
      String name = name(e);
      c.open("g", "data-flow-id", id == null ? "" : id, "data-taken", taken ? "true" : "false");
      if (!blank(name)) {
        c.open("title").content(oneLine(name)).close("title");
      }
      List<double[]> points = new ArrayList<>();
      for (Waypoint w : edge.getWaypoints()) {
        if (w.getX() != null && w.getY() != null) {
          points.add(new double[] {w.getX(), w.getY()});
          c.include(w.getX(), w.getY(), 0, 0);
        }
      }
      String stroke = taken ? VISITED_STROKE : GREY;
      String width = taken ? "2.5" : "1.5";
      String arrow = "url(#" + (taken ? ARROW_TAKEN : ARROW) + ")";
      if (points.size() >= 2) {
        StringBuilder pts = new StringBuilder();
        for (double[] pt : points) {
          pts.append(pts.length() == 0 ? "" : " ").append(n(pt[0])).append(',').append(n(pt[1]));
        }
        if (e instanceof MessageFlow) {
          c.empty("polyline", "points", pts.toString(), "fill", "none", "stroke", stroke, "stroke-width", width,
              "stroke-dasharray", "6 4", "stroke-linejoin", "round", "marker-end", arrow);
          c.empty("circle", "cx", n(points.get(0)[0]), "cy", n(points.get(0)[1]), "r", "3.5", "fill", WHITE,
              "stroke", stroke, "stroke-width", "1.5");
        } else if (e instanceof Association association) {
          boolean directed = association.getAssociationDirection() == AssociationDirection.One
              || association.getAssociationDirection() == AssociationDirection.Both;
          c.empty("polyline", "points", pts.toString(), "fill", "none", "stroke", stroke, "stroke-width", width,
              "stroke-dasharray", "2 3", "stroke-linejoin", "round", "marker-end", directed ? arrow : null);
        } else if (e instanceof DataAssociation) {
          c.empty("polyline", "points", pts.toString(), "fill", "none", "stroke", stroke, "stroke-width", width,
              "stroke-dasharray", "2 3", "stroke-linejoin", "round", "marker-end", arrow);
        } else {
          c.empty("polyline", "points", pts.toString(), "fill", "none", "stroke", stroke, "stroke-width", width,
              "stroke-linejoin", "round", "marker-end", e instanceof SequenceFlow ? arrow : null);
          if (e instanceof SequenceFlow flow && isDefault(flow)) {
            defaultSlash(points.get(0), points.get(1), stroke);
          }
        }
      }
      edgeLabel(edge, name, points);
      c.close("g").raw("\n");
    }

    private static boolean isDefault(SequenceFlow flow) {
      FlowNode source = flow.getSource();
      SequenceFlow defaultFlow = null;
      if (source instanceof ExclusiveGateway g) {
        defaultFlow = g.getDefault();
      } else if (source instanceof InclusiveGateway g) {
        defaultFlow = g.getDefault();
      } else if (source instanceof ComplexGateway g) {
        defaultFlow = g.getDefault();
      } else if (source instanceof Activity a) {
        defaultFlow = a.getDefault();
      }
      return defaultFlow != null && flow.equals(defaultFlow);
    }

    /** The default flow's slash across its first segment, near its source. */
    private void defaultSlash(double[] a, double[] b, String stroke) {
      double dx = b[0] - a[0];
      double dy = b[1] - a[1];
      double length = Math.sqrt(dx * dx + dy * dy);
      if (length < 12) {
        return;
      }
      double ux = dx / length;
      double uy = dy / length;
      double px = a[0] + ux * 10;
      double py = a[1] + uy * 10;
      // across the line, leaning forward
      double nx = -uy;
      double ny = ux;
      c.empty("line", "x1", n(px - nx * 5 - ux * 3), "y1", n(py - ny * 5 - uy * 3), "x2", n(px + nx * 5 + ux * 3),
          "y2", n(py + ny * 5 + uy * 3), "stroke", stroke, "stroke-width", "1.5");
    }

    /** A flow's name: in its BPMNLabel bounds if any, else by the middle of its middle segment. */
    private void edgeLabel(BpmnEdge edge, String name, List<double[]> points) {
      if (blank(name)) {
        return;
      }
      BpmnLabel label = edge.getBpmnLabel();
      Bounds lb = label == null ? null : label.getBounds();
      if (complete(lb)) {
        List<String> lines = wrap(name, Math.max(lb.getWidth(), 30) + 12, LABEL_CHAR, 0);
        c.include(lb.getX(), lb.getY(), lb.getWidth(), lb.getHeight());
        c.text(lines, lb.getX() + lb.getWidth() / 2, lb.getY(), LABEL_FONT, LABEL_LINE, LABEL_CHAR, "middle", null,
            TEXT);
        return;
      }
      if (points.isEmpty()) {
        return;
      }
      double[] a = points.get(Math.max(0, (points.size() - 1) / 2));
      double[] b = points.get(Math.min(points.size() - 1, (points.size() - 1) / 2 + 1));
      double mx = (a[0] + b[0]) / 2;
      double my = (a[1] + b[1]) / 2;
      List<String> lines = wrap(name, 90, LABEL_CHAR, 0);
      if (Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1])) {
        c.text(lines, mx, my - 4 - lines.size() * LABEL_LINE, LABEL_FONT, LABEL_LINE, LABEL_CHAR, "middle", null,
            TEXT);
      } else {
        c.text(lines, mx + 6, my - lines.size() * LABEL_LINE / 2, LABEL_FONT, LABEL_LINE, LABEL_CHAR, "start", null,
            TEXT);
      }
    }

    // ------------------------------------------------------------------ legend

    private void legend() {
      double x = c.minX;
      double y = c.maxY + 16;
      String[][] items = {
          {"Đã qua", VISITED_FILL, VISITED_STROKE},
          {"Đang ở bước này", ACTIVE_FILL, ACTIVE_STROKE},
          {"Chưa đi qua", WHITE, GREY}};
      c.open("g", "data-legend", "true");
      for (String[] item : items) {
        c.empty("rect", "x", n(x), "y", n(y), "width", "18", "height", "12", "rx", "3", "fill", item[1],
            "stroke", item[2], "stroke-width", "1.5");
        c.include(x, y, 18, 12);
        c.text(List.of(item[0]), x + 24, y - 1, TASK_FONT, TASK_LINE, TASK_CHAR, "start", null, TEXT);
        x += 24 + item[0].length() * TASK_CHAR + 20;
      }
      c.close("g").raw("\n");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  /** The SVG being written, and the extent of everything drawn so far. */
  private static final class Canvas {
    private final StringBuilder out = new StringBuilder(1 << 16);
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;

    void include(double x, double y, double w, double h) {
      if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
        return;
      }
      minX = Math.min(minX, Math.min(x, x + w));
      minY = Math.min(minY, Math.min(y, y + h));
      maxX = Math.max(maxX, Math.max(x, x + w));
      maxY = Math.max(maxY, Math.max(y, y + h));
    }

    boolean isEmpty() {
      return minX > maxX;
    }

    int length() {
      return out.length();
    }

    CharSequence out() {
      return out;
    }

    /** Attributes as name, value pairs; a pair whose value is null is left out. */
    Canvas open(String name, String... attributes) {
      tag(name, attributes);
      out.append('>');
      return this;
    }

    Canvas empty(String name, String... attributes) {
      tag(name, attributes);
      out.append("/>");
      return this;
    }

    Canvas close(String name) {
      out.append("</").append(name).append('>');
      return this;
    }

    Canvas content(String text) {
      out.append(esc(text));
      return this;
    }

    Canvas raw(String markup) {
      out.append(markup);
      return this;
    }

    private void tag(String name, String[] attributes) {
      out.append('<').append(name);
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        if (attributes[i + 1] != null) {
          out.append(' ').append(attributes[i]).append("=\"").append(esc(attributes[i + 1])).append('"');
        }
      }
    }

    /** Lines of text from {@code top} down, anchored at {@code x}; counts their estimated extent. */
    void text(List<String> lines, double x, double top, double fontSize, double lineHeight, double charWidth,
        String anchor, String weight, String fill) {
      if (lines.isEmpty()) {
        return;
      }
      open("text", "x", n(x), "y", n(baseline(top, 0, fontSize, lineHeight)), "font-size", n(fontSize),
          "font-weight", weight, "text-anchor", anchor, "fill", fill);
      int longest = 0;
      for (int i = 0; i < lines.size(); i++) {
        open("tspan", "x", n(x), "y", n(baseline(top, i, fontSize, lineHeight))).content(lines.get(i))
            .close("tspan");
        longest = Math.max(longest, lines.get(i).codePointCount(0, lines.get(i).length()));
      }
      close("text");
      double w = longest * charWidth;
      double left = switch (anchor) {
        case "middle" -> x - w / 2;
        case "end" -> x - w;
        default -> x;
      };
      include(left, top, w, lines.size() * lineHeight);
    }

    private static double baseline(double top, int line, double fontSize, double lineHeight) {
      return top + line * lineHeight + lineHeight / 2 + fontSize * 0.35;
    }
  }

  /**
   * Splits a text into lines of at most {@code width / charWidth} characters, at spaces where it can and inside
   * a word longer than a line; keeps the text's own line breaks. With {@code maxLines > 0}, a longer text is cut
   * and its last line ends with an ellipsis.
   */
  static List<String> wrap(String text, double width, double charWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    if (blank(text)) {
      return lines;
    }
    int max = Math.max(1, (int) Math.floor(width / charWidth));
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
    for (String paragraph : normalized.split("\n")) {
      StringBuilder line = new StringBuilder();
      int lineLength = 0;
      for (String word : paragraph.trim().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        int length = word.codePointCount(0, word.length());
        if (lineLength > 0 && lineLength + 1 + length <= max) {
          line.append(' ').append(word);
          lineLength += 1 + length;
          continue;
        }
        if (lineLength > 0) {
          lines.add(line.toString());
          line.setLength(0);
          lineLength = 0;
        }
        while (length > max) {
          int cut = word.offsetByCodePoints(0, max);
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
          length -= max;
        }
        line.append(word);
        lineLength = length;
      }
      if (lineLength > 0) {
        lines.add(line.toString());
      }
    }
    if (maxLines > 0 && lines.size() > maxLines) {
      List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
      String last = cut.get(maxLines - 1);
      int length = last.codePointCount(0, last.length());
      if (length >= max) {
        last = last.substring(0, last.offsetByCodePoints(0, Math.max(0, max - 1)));
      }
      cut.set(maxLines - 1, last + "…");
      return cut;
    }
    return lines;
  }

  /** XML-escapes a text for content and attribute values; drops characters XML 1.0 cannot carry. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (cp == 0x9 || cp == 0xA || cp == 0xD) {
            b.append(' ');
          } else if (cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF) {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    return b.toString();
  }

  /** A coordinate with at most two decimals, the same whatever the locale. */
  static String n(double v) {
    if (!Double.isFinite(v)) {
      return "0";
    }
    double r = Math.round(v * 100) / 100.0;
    if (r == Math.rint(r)) {
      return Long.toString((long) r);
    }
    return BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
  }

  private static String name(BaseElement e) {
    if (e == null) {
      return null;
    }
    if (e instanceof TextAnnotation annotation) {
      return annotation.getText() == null ? null : annotation.getText().getTextContent();
    }
    if (e instanceof Group group) {
      return group.getCategory() == null ? null : group.getCategory().getValue();
    }
    return e.getAttributeValue("name");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean complete(Bounds b) {
    return b != null && b.getX() != null && b.getY() != null && b.getWidth() != null && b.getHeight() != null;
  }

  private static int depth(BaseElement e) {
    int depth = 0;
    for (ModelElementInstance p = e == null ? null : e.getParentElement(); p != null; p = p.getParentElement()) {
      if (p instanceof SubProcess) {
        depth++;
      }
    }
    return depth;
  }
}
