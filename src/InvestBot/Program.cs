using InvestBot.Hosting;
using InvestBot.KeyProjects;
using InvestBot.Knowledge;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Common;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddInvestBotTelemetry(builder.Configuration);
builder.Services.AddInvestBotCore(builder.Configuration);
builder.Services.AddKnowledge(builder.Configuration, OfficeProcessSettings.From);
builder.Services.AddReporting(builder.Configuration);
builder.Services.AddRanking(builder.Configuration);
builder.Services.AddKeyProjects(builder.Configuration);

var app = builder.Build();
app.MapInvestBot();
app.MapReportingEndpoints();
app.MapKeyProjectEndpoints();
app.MapAnnouncementDocuments();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;
