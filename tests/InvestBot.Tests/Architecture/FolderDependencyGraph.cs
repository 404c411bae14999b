using Mono.Cecil;
using Mono.Cecil.Cil;

namespace InvestBot.Tests.Architecture;

/// <summary>
/// Which top-level folder of src/InvestBot uses which, read from the compiled IL (signatures and method bodies alike),
/// so a dependency hidden in a lambda or an async method still counts. A folder is the namespace segment after
/// "InvestBot."; types without a namespace (Program) belong to the composition root, "Hosting".
/// </summary>
public sealed class FolderDependencyGraph
{
    private FolderDependencyGraph(IReadOnlyDictionary<string, SortedSet<string>> edges) => Edges = edges;

    public IReadOnlyDictionary<string, SortedSet<string>> Edges { get; }

    public static FolderDependencyGraph Of(string assemblyPath)
    {
        var edges = new Dictionary<string, SortedSet<string>>();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = FolderOf(type);
            if (from is null) continue;
            var targets = edges.TryGetValue(from, out var set) ? set : edges[from] = new SortedSet<string>();
            foreach (var used in UsedTypes(type).SelectMany(Expand))
                if (FolderOf(used) is { } to && to != from)
                    targets.Add(to);
        }
        return new FolderDependencyGraph(edges);
    }

    /// <summary>A cycle as a path (A → B → A), or null.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(); // 1 = on the stack, 2 = done
        var stack = new List<string>();
        foreach (var start in Edges.Keys)
            if (Visit(start) is { } cycle) return cycle;
        return null;

        IReadOnlyList<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1) return stack.SkipWhile(n => n != node).Append(node).ToList();
            state[node] = 1;
            stack.Add(node);
            foreach (var next in Edges.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    public override string ToString() =>
        string.Join("\n", Edges.OrderBy(e => e.Key).Select(e => $"{e.Key} → {string.Join(", ", e.Value)}"));

    /// <summary>List&lt;Unit&gt; uses List and Unit; Unit[] uses Unit; a generic parameter T is no type of ours.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType g:
                foreach (var t in Expand(g.ElementType)) yield return t;
                foreach (var arg in g.GenericArguments)
                    foreach (var t in Expand(arg)) yield return t;
                yield break;
            case TypeSpecification spec: // arrays, by-ref, pointers, modifiers
                foreach (var t in Expand(spec.ElementType)) yield return t;
                yield break;
            default:
                yield return type;
                yield break;
        }
    }

    private static string? FolderOf(TypeReference type)
    {
        while (type.IsNested) type = type.DeclaringType;
        if (type.Scope is AssemblyNameReference) return null; // another assembly
        var ns = type.Namespace;
        if (ns.Length == 0) return type.Name.StartsWith('<') ? null : "Hosting";
        var parts = ns.Split('.');
        return parts[0] == "InvestBot" && parts.Length > 1 ? parts[1] : null;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var f in type.Fields) yield return f.FieldType;
        foreach (var p in type.Properties) yield return p.PropertyType;
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var p in m.Parameters) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: yield return t; break;
                    case MethodReference r:
                        yield return r.DeclaringType;
                        yield return r.ReturnType;
                        foreach (var p in r.Parameters) yield return p.ParameterType;
                        if (r is GenericInstanceMethod g)
                            foreach (var arg in g.GenericArguments) yield return arg;
                        break;
                    case FieldReference f: yield return f.DeclaringType; yield return f.FieldType; break;
                }
            }
        }
    }
}
