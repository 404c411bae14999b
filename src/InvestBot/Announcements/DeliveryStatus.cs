namespace InvestBot.Announcements;

/// <summary>Preparing: deliveries are being written and queued. Delivering: queued. Completed: every delivery reached a final status.</summary>
public enum AnnouncementState { Preparing, Delivering, Completed }

/// <summary>Where one delivery stands. Sent, Inactive, Failed and Cancelled are final.</summary>
public enum DeliveryStatus { Pending, Sending, Sent, Inactive, Failed, Cancelled }

/// <summary>Totals of an announcement's deliveries, for progress reports.</summary>
public sealed record DeliveryProgress(int Total, int Sent, int Pending, int Inactive, int Failed, IReadOnlyList<string> Problems)
{
    public bool Finished => Total > 0 && Pending == 0;
}
