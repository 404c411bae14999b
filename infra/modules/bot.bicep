// The Azure Bot registration (global) with the Microsoft Teams channel; its messaging endpoint is the web app.
param name string
param displayName string
param sku string
param endpoint string
@allowed(['SingleTenant', 'UserAssignedMSI'])
param appType string
param appId string
param tenantId string
@description('Resource id of the user-assigned identity (used when appType is UserAssignedMSI).')
param identityId string
param appInsightsAppId string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
    developerAppInsightsApplicationId: appInsightsAppId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
output endpoint string = bot.properties.endpoint
