// The user-assigned managed identity: reaches storage (tables and the delivery queue) and, with botAppType
// UserAssignedMSI, is also the bot's identity towards the Bot Framework.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
