namespace InvestBot.Tests.Deployment;

/// <summary>
/// Evaluates the few ARM template functions that the deployment's validation-time checks use (if, not, and, or, equals,
/// empty, parameters, variables, fail), the way Resource Manager does: <c>if</c> evaluates only the branch it takes, and
/// <c>fail</c> stops the deployment with its message. Anything else is refused, so a check that grows beyond these
/// functions fails its test instead of being half-evaluated.
/// </summary>
public sealed class ArmExpression(IReadOnlyDictionary<string, object> parameters, IReadOnlyDictionary<string, string> variables)
{
    /// <summary>What <c>fail()</c> raises: Resource Manager rejects the deployment with this message.</summary>
    public sealed class DeploymentFailed(string message) : Exception(message);

    public object Evaluate(string expression)
    {
        if (!expression.StartsWith('[') || !expression.EndsWith(']')) return expression;
        var position = 1;
        var node = Parse(expression, ref position);
        Skip(expression, ref position);
        if (position != expression.Length - 1) throw new FormatException($"Unparsed rest at {position}: {expression}");
        return node();
    }

    private Func<object> Parse(string text, ref int at)
    {
        Skip(text, ref at);
        if (text[at] == '\'')
        {
            var literal = new System.Text.StringBuilder();
            for (at++; ; at++)
            {
                if (text[at] != '\'') { literal.Append(text[at]); continue; }
                if (at + 1 < text.Length && text[at + 1] == '\'') { literal.Append('\''); at++; continue; }
                at++;
                break;
            }
            var value = literal.ToString();
            return () => value;
        }
        var start = at;
        while (char.IsLetterOrDigit(text[at])) at++;
        var name = text[start..at];
        Skip(text, ref at);
        if (text[at] != '(') throw new FormatException($"Expected ( after {name} at {at}: {text}");
        at++;
        var args = new List<Func<object>>();
        Skip(text, ref at);
        while (text[at] != ')')
        {
            args.Add(Parse(text, ref at));
            Skip(text, ref at);
            if (text[at] == ',') at++;
            Skip(text, ref at);
        }
        at++;
        return Call(name, args);
    }

    private Func<object> Call(string name, List<Func<object>> args) => name switch
    {
        "if" => () => (bool)args[0]() ? args[1]() : args[2](),
        "not" => () => !(bool)args[0](),
        "and" => () => args.All(a => (bool)a()),
        "or" => () => args.Any(a => (bool)a()),
        "equals" => () => Equals(args[0](), args[1]()),
        "empty" => () => args[0]() is string s ? s.Length == 0 : throw new NotSupportedException("empty() of a non-string"),
        "parameters" => () => parameters[(string)args[0]()],
        "variables" => () => Evaluate(variables[(string)args[0]()]),
        "fail" => () => throw new DeploymentFailed((string)args[0]()),
        _ => throw new NotSupportedException($"ARM function {name}() is not evaluated offline"),
    };

    private static void Skip(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
    }
}
