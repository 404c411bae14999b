namespace InvestBot.Teams;

/// <summary>
/// One line of the help card. Each capability registers its own entries in DI, so the help card
/// always lists exactly what the running bot can do.
/// </summary>
/// <param name="Title">What the user can do, e.g. 问政策.</param>
/// <param name="Examples">What to type, e.g. 第22条 / 区商务局负责哪些条款.</param>
/// <param name="AdminOnly">Shown only to admins.</param>
/// <param name="Order">Lower comes first.</param>
public sealed record HelpEntry(string Title, string Examples, bool AdminOnly = false, int Order = 100);
