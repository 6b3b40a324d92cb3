using System.Diagnostics;
using Edgewise.Placement;
using Edgewise.Traces;
using HdrHistogram;

namespace Edgewise.Lab.Engine;

/// <summary>
/// A discrete-event simulation of one policy on one scenario, in virtual time. Each node has
/// workers at a speed and a FIFO queue; messages between nodes take link latency plus size over
/// bandwidth; nodes send load reports at an interval, so what a home node knows of a peer is its
/// last report plus the tasks sent to it since, as on a live node (PeerState). The policy object
/// is the same class a node runs. Events are structs in a binary heap, tasks live in reusable
/// slots and latencies go to an HdrHistogram, so memory stays flat as the task count grows.
/// </summary>
/// <remarks>
/// Deviations from a live node, on purpose: the link round trip a policy sees is the true
/// network round trip (a live node measures it from replies, which folds in some of the peer's
/// queueing); a peer marked down is marked up again by its next load report (a live node
/// probes after a back-off); and tasks are placed as they arrive (no batching window).
/// </remarks>
internal sealed class SimulationEngine
{
    /// <summary>Latencies are recorded in units of 0.1 µs, up to this (about 2.8 hours).</summary>
    private const long HighestLatencyTicks = 100_000_000_000;

    private const int MaxSamples = 240;

    private const string HomeDownAtArrival = "home node down at arrival (device could not reach it)";
    private const string HomeFailedInFlight = "home node failed with the task in flight";

    private readonly Workload _workload;
    private readonly IPlacementPolicy _policy;
    private readonly ITraceSink? _traces;
    private readonly SimNode[] _nodes;
    private readonly PeerView[] _views;
    private readonly PlacementCandidate[] _selfCandidates;
    private readonly string[] _ids;
    private readonly CandidateList _candidates;
    private readonly int[] _candidateNodes;
    private readonly PriorityQueue<SimEvent, double> _events = new();
    private readonly VirtualClock _clock = new();
    private readonly PlacementContext _context;
    private readonly Random _arrivalRandom;
    private readonly LongHistogram _latency = new(HighestLatencyTicks, 3);
    private readonly Dictionary<string, long> _failed = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _tried = [];
    private readonly List<double> _sampleTimes = new(MaxSamples);
    private readonly List<double>[] _sampleQueues;
    private readonly TimeSpan[] _roundTrips;
    private readonly double[] _latencyMs;
    private readonly double[] _bytesPerMs;
    private readonly int[] _workers;
    private SimTask[] _tasks = new SimTask[1024];
    private PlacementFeatures[] _features = [];
    private int[] _freeSlots = new int[1024];
    private int _freeCount;
    private int _slotsUsed;
    private long _arrived;
    private long _completed;
    private long _offloaded;
    private long _retried;
    private long _outstanding;
    private long _checksum = 17;
    private double _latencySumMs;
    private double _sampleIntervalMs;
    private long _eventCount;

    public SimulationEngine(Workload workload, IPlacementPolicy policy, int policySeed, ITraceSink? traces)
    {
        _workload = workload;
        _policy = policy;
        _traces = traces;
        _nodes = [.. workload.Nodes.Select(shape => new SimNode(shape))];
        _ids = [.. workload.Nodes.Select(shape => shape.Id)];
        var n = _nodes.Length;
        _views = new PeerView[n * n];
        _candidates = new CandidateList(n);
        _candidateNodes = new int[n];
        _selfCandidates = new PlacementCandidate[n];
        _roundTrips = new TimeSpan[n * n];
        _latencyMs = [.. workload.Nodes.Select(shape => shape.LatencyMs)];
        _bytesPerMs = [.. workload.Nodes.Select(shape => shape.BytesPerMs)];
        _workers = [.. workload.Nodes.Select(shape => shape.Workers)];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                _roundTrips[(i * n) + j] = TimeSpan.FromMilliseconds(2 * LatencyMs(i, j));
            }
        }

        _sampleQueues = [.. Enumerable.Range(0, n).Select(_ => new List<double>(MaxSamples))];
        _context = new PlacementContext(_clock, new Random(policySeed));
        _arrivalRandom = new Random(workload.Scenario.Seed);
        if (traces is not null)
        {
            _features = new PlacementFeatures[_tasks.Length];
        }

        Oracle = policy as OraclePolicy;
        Oracle?.Attach(this);
    }

    private OraclePolicy? Oracle { get; }

    /// <summary>Runs the scenario to the last task's result and returns the figures.</summary>
    public SimulationResult Run()
    {
        var wall = Stopwatch.StartNew();
        var scenario = _workload.Scenario;
        _sampleIntervalMs = Math.Max(1e-3, scenario.Tasks * _workload.MeanGapMs / (MaxSamples / 2));
        var setup = new Random(unchecked((scenario.Seed * 31) + 3));
        for (var i = 0; i < _nodes.Length; i++)
        {
            // Nodes start their report timers at different phases, as real processes do.
            Schedule(setup.NextDouble() * scenario.LoadReportIntervalMs, new SimEvent(EventKind.LoadReport, -1, i, 0));
        }

        foreach (var failure in scenario.Failures)
        {
            var node = Array.IndexOf(_ids, failure.Node);
            Schedule(failure.DownAtMs, new SimEvent(EventKind.NodeDown, -1, node, 0));
            if (failure.UpAtMs is { } up)
            {
                Schedule(up, new SimEvent(EventKind.NodeUp, -1, node, 0));
            }
        }

        Schedule(0, new SimEvent(EventKind.Sample, -1, 0, 0));
        Schedule(_workload.Arrivals.NextGapMs(_arrivalRandom, 0), new SimEvent(EventKind.Arrival, -1, 0, 0));

        var now = 0.0;
        while (_events.TryDequeue(out var e, out var at))
        {
            if (_arrived >= scenario.Tasks && _outstanding == 0)
            {
                break;
            }

            now = at;
            _clock.NowMs = at;
            _eventCount++;
            switch (e.Kind)
            {
                case EventKind.Arrival:
                    Arrive(at);
                    break;
                case EventKind.TaskAtPeer:
                    Enqueue(e.Node, e.Task, at);
                    break;
                case EventKind.ServiceDone:
                    ServiceDone(e, at);
                    break;
                case EventKind.ReplyAtHome:
                    ReplyAtHome(e, at);
                    break;
                case EventKind.PeerFailedTask:
                    PeerFailedTask(e, at);
                    break;
                case EventKind.LoadReport:
                    SendReport(e.Node, at);
                    break;
                case EventKind.NodeDown:
                    NodeDown(e.Node, at);
                    break;
                case EventKind.NodeUp:
                    NodeUp(e.Node, at);
                    break;
                case EventKind.Sample:
                    Sample(at);
                    break;
                default:
                    throw new UnreachableException($"Unknown event {e.Kind}.");
            }
        }

        return Result(now, wall.Elapsed.TotalSeconds);
    }

    /// <summary>When the task being placed would be back at its home if sent to candidate <paramref name="index"/>, in true state.</summary>
    public double TrueCompletionMs(int index, int task)
    {
        var node = _candidateNodes[index];
        var target = _nodes[node];
        if (!target.Up)
        {
            return double.PositiveInfinity;
        }

        ref var t = ref _tasks[task];
        var arrive = _clock.NowMs + (node == t.Home ? 0 : TransferMs(t.Home, node, TaskBytes(t.Kind)));
        var free = target.FreeAtMs[EarliestWorker(target)];
        var done = Math.Max(arrive, free) + (t.CostMs / target.Shape.Speed);

        return node == t.Home ? done : done + TransferMs(node, t.Home, _workload.ReplyBytes);
    }

    /// <summary>The slot of the task being placed, for the oracle.</summary>
    public int PlacingTask { get; private set; }

    private void Arrive(double now)
    {
        var scenario = _workload.Scenario;
        _arrived++;
        var device = _arrivalRandom.Next(_workload.DeviceHomes.Length);
        var (kind, size, cost) = _workload.DrawTask(_arrivalRandom);
        _checksum = unchecked((_checksum * 31) + BitConverter.DoubleToInt64Bits(now) + (device * 7) + BitConverter.DoubleToInt64Bits(cost));
        if (_arrived < scenario.Tasks)
        {
            Schedule(now + _workload.Arrivals.NextGapMs(_arrivalRandom, now), new SimEvent(EventKind.Arrival, -1, 0, 0));
        }

        var home = _workload.DeviceHomes[device];
        if (!_nodes[home].Up)
        {
            Fail(HomeDownAtArrival);
            return;
        }

        var slot = Allocate();
        ref var task = ref _tasks[slot];
        task.Id = _arrived;
        task.Home = home;
        task.HomeEpoch = _nodes[home].Epoch;
        task.Kind = kind;
        task.Size = size;
        task.CostMs = cost;
        task.PlacedAtMs = now;
        task.Attempts = 0;
        _outstanding++;
        Place(slot, now);
    }

    private void Place(int slot, double now)
    {
        ref var task = ref _tasks[slot];
        task.Attempts++;
        var home = task.Home;
        var n = _nodes.Length;
        List<int>? tried = null;
        if (_tried.Count > 0)
        {
            _tried.TryGetValue(slot, out tried);
        }

        _candidates.Clear();
        var self = _nodes[home];
        _candidates.Add(new PlacementCandidate(
            _ids[home],
            true,
            new LoadView(self.Queue.Count, self.Busy, self.Shape.Workers, self.ServiceMs, TimeSpan.Zero),
            TimeSpan.Zero));
        _candidateNodes[0] = home;
        for (var j = 0; j < n; j++)
        {
            if (j == home)
            {
                continue;
            }

            ref var view = ref _views[(home * n) + j];
            Refresh(ref view, j, LatencyMs(j, home), now);
            if (view.Down || (tried is not null && tried.Contains(j)))
            {
                continue;
            }

            var roundTrip = _roundTrips[(home * n) + j];
            var load = new LoadView(
                view.Queue + view.SentSinceReport,
                view.InFlight,
                _workers[j],
                view.ServiceMs,
                TimeSpan.FromTicks((long)((now - view.ReceivedAtMs + _latencyMs[j] + _latencyMs[home]) * TimeSpan.TicksPerMillisecond)));
            _candidateNodes[_candidates.Count] = j;
            _candidates.Add(new PlacementCandidate(_ids[j], false, load, roundTrip));
        }

        var placement = new PlacementTask(task.Kind, task.Size);
        PlacingTask = slot;
        var chosen = _candidates.Count == 1 ? 0 : _policy.Choose(placement, _candidates, _context);
        if ((uint)chosen >= (uint)_candidates.Count)
        {
            chosen = 0;
        }

        var target = _candidateNodes[chosen];
        task.Node = target;
        task.CandidateCount = _candidates.Count;
        if (_traces is not null)
        {
            _features[slot] = PlacementFeatures.From(placement, _candidates[chosen]);
        }

        Project(target, home, task.CostMs, now, task.Kind);
        if (target == home)
        {
            Enqueue(home, slot, now);
            return;
        }

        _views[(home * n) + target].SentSinceReport++;
        Schedule(now + TransferMs(home, target, TaskBytes(task.Kind)), new SimEvent(EventKind.TaskAtPeer, slot, target, 0));
    }

    private void Enqueue(int node, int slot, double now)
    {
        var target = _nodes[node];
        if (!target.Up)
        {
            // Refused: the home learns it one trip later and places the task again.
            Schedule(now + LatencyMs(node, _tasks[slot].Home), new SimEvent(EventKind.PeerFailedTask, slot, node, 0));
            return;
        }

        if (target.Busy < target.Shape.Workers)
        {
            Start(target, node, slot, now);
            return;
        }

        target.AccountQueue(now);
        target.Queue.Enqueue(slot);
        target.MaxQueue = Math.Max(target.MaxQueue, target.Queue.Count);
    }

    private void Start(SimNode target, int node, int slot, double now)
    {
        target.Busy++;
        var worker = Array.IndexOf(target.Running, -1);
        target.Running[worker] = slot;
        ref var task = ref _tasks[slot];
        task.ServiceMs = task.CostMs / target.Shape.Speed;
        task.StartedAtMs = now;
        Schedule(now + task.ServiceMs, new SimEvent(EventKind.ServiceDone, slot, node, target.Epoch));
    }

    private void ServiceDone(SimEvent e, double now)
    {
        var target = _nodes[e.Node];
        if (e.Epoch != target.Epoch)
        {
            return;
        }

        ref var task = ref _tasks[e.Task];
        target.Busy--;
        target.Running[Array.IndexOf(target.Running, e.Task)] = -1;
        target.BusyMs += task.ServiceMs;
        target.Ran++;
        target.RecordServiceTime(task.ServiceMs);
        if (target.Queue.Count > 0)
        {
            target.AccountQueue(now);
            Start(target, e.Node, target.Queue.Dequeue(), now);
        }

        if (e.Node == task.Home)
        {
            Complete(e.Task, now);
            return;
        }

        task.ReplyQueue = target.Queue.Count;
        task.ReplyInFlight = target.Busy;
        task.ReplyServiceMs = target.ServiceMs;
        Schedule(now + TransferMs(e.Node, task.Home, _workload.ReplyBytes), new SimEvent(EventKind.ReplyAtHome, e.Task, e.Node, 0));
    }

    private void ReplyAtHome(SimEvent e, double now)
    {
        ref var task = ref _tasks[e.Task];
        var home = _nodes[task.Home];
        if (!home.Up || home.Epoch != task.HomeEpoch)
        {
            Fail(HomeFailedInFlight);
            Release(e.Task);
            return;
        }

        // The reply carries the peer's load, as a live peer's reply does.
        var n = _nodes.Length;
        ref var view = ref _views[(task.Home * n) + e.Node];
        Refresh(ref view, e.Node, LatencyMs(e.Node, task.Home), now);
        view.Queue = task.ReplyQueue;
        view.InFlight = task.ReplyInFlight;
        view.ServiceMs = task.ReplyServiceMs;
        view.ReceivedAtMs = now;
        view.SentSinceReport = 0;
        _offloaded++;
        Complete(e.Task, now);
    }

    private void PeerFailedTask(SimEvent e, double now)
    {
        ref var task = ref _tasks[e.Task];
        var home = _nodes[task.Home];
        if (!home.Up || home.Epoch != task.HomeEpoch)
        {
            Fail(HomeFailedInFlight);
            Release(e.Task);
            return;
        }

        ref var view = ref _views[(task.Home * _nodes.Length) + e.Node];
        if (!view.Down)
        {
            view.Down = true;
            view.DownSinceMs = now;
        }

        if (!_tried.TryGetValue(e.Task, out var tried))
        {
            tried = [];
            _tried[e.Task] = tried;
        }

        tried.Add(e.Node);
        _retried++;
        Place(e.Task, now);
    }

    private void Complete(int slot, double now)
    {
        ref var task = ref _tasks[slot];
        var latencyMs = now - task.PlacedAtMs;
        _latency.RecordValue(Math.Min(HighestLatencyTicks, (long)Math.Round(latencyMs * 10_000)));
        _latencySumMs += latencyMs;
        _completed++;
        if (_traces is not null)
        {
            _traces.Write(new TaskTrace(
                $"{_ids[task.Home]}-{task.Id}",
                VirtualClock.At(task.PlacedAtMs),
                _ids[task.Home],
                _ids[task.Node],
                _policy.Name,
                false,
                task.CandidateCount,
                _features[slot],
                latencyMs));
        }

        Release(slot);
    }

    private void SendReport(int node, double now)
    {
        var source = _nodes[node];
        if (source.Up)
        {
            source.ReportsSent++;
            ref var report = ref source.Reports[(int)(source.ReportsSent & (SimNode.ReportRing - 1))];
            report.SentAtMs = now;
            report.Queue = source.Queue.Count;
            report.InFlight = source.Busy;
            report.ServiceMs = source.ServiceMs;
        }

        Schedule(now + _workload.Scenario.LoadReportIntervalMs, new SimEvent(EventKind.LoadReport, -1, node, 0));
    }

    /// <summary>
    /// Brings a view up to date with the newest periodic report that has reached the viewer by
    /// <paramref name="now"/>. Reports are delivered lazily, when the view is read, instead of
    /// one event per report and peer; the outcome is the same because every read and every send
    /// refreshes first.
    /// </summary>
    private void Refresh(ref PeerView view, int peer, double latencyMs, double now)
    {
        var source = _nodes[peer];
        var oldest = Math.Max(view.SeenReport, source.ReportsSent - SimNode.ReportRing);
        for (var k = source.ReportsSent; k > oldest; k--)
        {
            ref var report = ref source.Reports[(int)(k & (SimNode.ReportRing - 1))];
            var receivedAt = report.SentAtMs + latencyMs;
            if (receivedAt > now)
            {
                continue;
            }

            view.SeenReport = k;
            if (receivedAt >= view.ReceivedAtMs)
            {
                view.Queue = report.Queue;
                view.InFlight = report.InFlight;
                view.ServiceMs = report.ServiceMs;
                view.ReceivedAtMs = receivedAt;
                view.SentSinceReport = 0;
            }

            if (view.Down && report.SentAtMs > view.DownSinceMs)
            {
                view.Down = false;
            }

            return;
        }
    }

    private void NodeDown(int node, double now)
    {
        var target = _nodes[node];
        if (!target.Up)
        {
            return;
        }

        target.AccountQueue(now);
        target.Up = false;
        target.Epoch++;
        target.UpMs += now - target.UpSinceMs;
        for (var w = 0; w < target.Running.Length; w++)
        {
            var slot = target.Running[w];
            if (slot >= 0)
            {
                target.BusyMs += now - _tasks[slot].StartedAtMs;
                Lose(node, slot, now);
                target.Running[w] = -1;
            }
        }

        while (target.Queue.Count > 0)
        {
            Lose(node, target.Queue.Dequeue(), now);
        }

        target.Busy = 0;
    }

    private void Lose(int node, int slot, double now)
    {
        if (_tasks[slot].Home == node)
        {
            Fail(HomeFailedInFlight);
            Release(slot);
            return;
        }

        // The connection breaks: the home hears of it one trip later.
        Schedule(now + LatencyMs(node, _tasks[slot].Home), new SimEvent(EventKind.PeerFailedTask, slot, node, 0));
    }

    private void NodeUp(int node, double now)
    {
        var target = _nodes[node];
        target.Up = true;
        target.UpSinceMs = now;
        target.QueueChangedAtMs = now;
        Array.Fill(target.FreeAtMs, now);
    }

    private void Sample(double now)
    {
        if (_sampleTimes.Count == MaxSamples)
        {
            // Keep every other sample and sample half as often: memory stays bounded however long the run.
            Halve(_sampleTimes);
            foreach (var queue in _sampleQueues)
            {
                Halve(queue);
            }

            _sampleIntervalMs *= 2;
        }

        _sampleTimes.Add(now);
        for (var i = 0; i < _nodes.Length; i++)
        {
            _sampleQueues[i].Add(_nodes[i].Queue.Count);
        }

        Schedule(now + _sampleIntervalMs, new SimEvent(EventKind.Sample, -1, 0, 0));
    }

    /// <summary>Updates the oracle's projection of when the target's workers are free.</summary>
    private void Project(int node, int home, double costMs, double now, TaskKind kind)
    {
        var target = _nodes[node];
        var arrive = now + (node == home ? 0 : TransferMs(home, node, TaskBytes(kind)));
        var worker = EarliestWorker(target);
        target.FreeAtMs[worker] = Math.Max(arrive, target.FreeAtMs[worker]) + (costMs / target.Shape.Speed);
    }

    private static int EarliestWorker(SimNode node)
    {
        var free = node.FreeAtMs;
        var best = 0;
        for (var w = 1; w < free.Length; w++)
        {
            if (free[w] < free[best])
            {
                best = w;
            }
        }

        return best;
    }

    private double TaskBytes(TaskKind kind) => kind == TaskKind.Vibration ? _workload.VibrationBytes : _workload.ScalarBytes;

    private double LatencyMs(int from, int to) => _latencyMs[from] + _latencyMs[to];

    private double TransferMs(int from, int to, double bytes) =>
        LatencyMs(from, to) + (bytes / Math.Min(_bytesPerMs[from], _bytesPerMs[to]));

    private void Schedule(double at, SimEvent e) => _events.Enqueue(e, at);

    private void Fail(string cause)
    {
        _failed[cause] = _failed.GetValueOrDefault(cause) + 1;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _freeSlots[--_freeCount];
        }

        if (_slotsUsed == _tasks.Length)
        {
            Array.Resize(ref _tasks, _tasks.Length * 2);
            Array.Resize(ref _freeSlots, _tasks.Length);
            if (_traces is not null)
            {
                Array.Resize(ref _features, _tasks.Length);
            }
        }

        return _slotsUsed++;
    }

    private void Release(int slot)
    {
        _outstanding--;
        _tried.Remove(slot);
        _freeSlots[_freeCount++] = slot;
    }

    private SimulationResult Result(double endMs, double wallSeconds)
    {
        var nodes = new List<NodeResult>(_nodes.Length);
        foreach (var node in _nodes)
        {
            node.AccountQueue(endMs);
            var upMs = node.UpMs + (node.Up ? endMs - node.UpSinceMs : 0);
            nodes.Add(new NodeResult(
                node.Shape.Id,
                node.Shape.Workers,
                node.Shape.Speed,
                upMs > 0 ? Math.Min(1, node.BusyMs / (upMs * node.Shape.Workers)) : 0,
                node.Ran,
                endMs > 0 ? node.QueueIntegral / endMs : 0,
                node.MaxQueue));
        }

        return new SimulationResult
        {
            Policy = _policy.Name,
            Arrived = _arrived,
            Completed = _completed,
            Failed = new Dictionary<string, long>(_failed),
            Retried = _retried,
            Offloaded = _offloaded,
            Nodes = nodes,
            Queues = new QueueSeries([.. _sampleTimes], [.. _sampleQueues.Select(queue => (IReadOnlyList<double>)[.. queue])]),
            DurationMs = endMs,
            WallSeconds = wallSeconds,
            Events = _eventCount,
            ArrivalChecksum = _checksum,
            OfferedUtilisation = _workload.OfferedUtilisation,
        }.WithLatencies(_latency, _latencySumMs, 10_000.0);
    }

    /// <summary>The distribution at quantiles spaced evenly in "nines" (0 to 99.99 %), for the CDF chart.</summary>
    public static IReadOnlyList<LatencyPoint> Distribution(HistogramBase histogram, double unitsPerMs)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var points = new List<LatencyPoint>(121);
        for (var i = 0; i <= 120; i++)
        {
            var quantile = 1 - Math.Pow(10, -i / 30.0);
            points.Add(new LatencyPoint(quantile, histogram.GetValueAtPercentile(quantile * 100) / unitsPerMs));
        }

        return points;
    }

    private static void Halve(List<double> values)
    {
        var kept = 0;
        for (var i = 0; i < values.Count; i += 2)
        {
            values[kept++] = values[i];
        }

        values.RemoveRange(kept, values.Count - kept);
    }
}
